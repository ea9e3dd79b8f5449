"""Training and measuring the learned reader on the labelled reading corpus (`data/reading/`).

`python -m claimcheck.learn train` retrains the model the package ships; `python -m
claimcheck.learn score` prints claim detection and field accuracy per split and genre.
Training needs scikit-learn (`pip install 'claimcheck[train]'`); nothing here runs when claims
are read.
"""
