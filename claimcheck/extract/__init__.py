"""Reading claims out of documents. The package `claimcheck.extract` is also the function of
that name (`claimcheck.extract(document)`), whichever of the two an import bound last."""
import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self, document):
        from ..api import extract
        return extract(document)


sys.modules[__name__].__class__ = _CallableModule
