var test_results = {
    "AImageLab": {
        "datetime": "2019-04-30 14:22:01",
        "decoder_size": 3308284,
        "decoding_time": 410419,
        "images_size": 5236870,
        "msssim": 0.750274,
        "psnr": 20.0551
    },
    "BPG420": {
        "datetime": "2019-04-22 21:08:04",
        "decoder_size": 377858,
        "decoding_time": 260315,
        "images_size": 15745493,
        "msssim": 0.939922,
        "psnr": 29.597,
        "mos": 3.285879927853646
    },
    "ColorBlust": {
        "datetime": "2019-04-24 07:13:54",
        "decoder_size": 19594357,
        "decoding_time": 15464896,
        "images_size": 15739967,
        "msssim": 0.955182,
        "psnr": 30.7746
    },
    "ETRI": {
        "datetime": "2019-04-30 04:56:02",
        "decoder_size": 682241914,
        "decoding_time": 72901556,
        "images_size": 15749067,
        "msssim": 0.97271,
        "psnr": 28.3985
    },
    "ETRIDGU": {
        "datetime": "2019-04-29 12:33:01",
        "decoder_size": 511555160,
        "decoding_time": 2532301,
        "images_size": 15749072,
        "msssim": 0.956601,
        "psnr": 31.1801
    },
    "ETRIDGUfast": {
        "datetime": "2019-04-28 15:01:30",
        "decoder_size": 1117014,
        "decoding_time": 930953,
        "images_size": 15748912,
        "msssim": 0.953485,
        "psnr": 30.8207
    },
    "ETRIDGUlite": {
        "datetime": "2019-04-29 12:19:22",
        "decoder_size": 327706926,
        "decoding_time": 1891828,
        "images_size": 15748960,
        "msssim": 0.956484,
        "psnr": 31.161,
        "mos": 3.6359553445399717
    },
    "Hyper": {
        "datetime": "2019-04-27 19:40:04",
        "decoder_size": 580135559,
        "decoding_time": 101820397,
        "images_size": 15748403,
        "msssim": 0.971651,
        "psnr": 28.355
    },
    "JPEG420": {
        "datetime": "2019-04-23 18:12:39",
        "decoder_size": 160,
        "decoding_time": 110109,
        "images_size": 14477740,
        "msssim": 0.84884,
        "psnr": 25.0994
    },
    "Joint": {
        "datetime": "2019-04-30 08:24:14",
        "decoder_size": 490773560,
        "decoding_time": 89387325,
        "images_size": 15749088,
        "msssim": 0.973266,
        "psnr": 28.5363,
        "mos": 3.613872832369942
    },
    "JointSSIM": {
        "datetime": "2019-04-27 09:00:26",
        "decoder_size": 368133743,
        "decoding_time": 101270256,
        "images_size": 15748965,
        "msssim": 0.972898,
        "psnr": 28.5378
    },
    "KattolabSSIM": {
        "datetime": "2019-04-24 17:06:46",
        "decoder_size": 259349776,
        "decoding_time": 20960890,
        "images_size": 15748430,
        "msssim": 0.969821,
        "psnr": 28.0626
    },
    "Kattolabv2": {
        "datetime": "2019-04-26 10:45:26",
        "decoder_size": 182665655,
        "decoding_time": 18848862,
        "images_size": 15748331,
        "msssim": 0.969447,
        "psnr": 28.0752,
        "mos": 3.5501796714579057
    },
    "ManGroup4": {
        "datetime": "2019-04-23 17:37:37",
        "decoder_size": 24972563,
        "decoding_time": 6406372,
        "images_size": 14989413,
        "msssim": 0.890069,
        "psnr": 24.436
    },
    "NCTU01X": {
        "datetime": "2019-04-24 12:53:27",
        "decoder_size": 23222208,
        "decoding_time": 17607564,
        "images_size": 15704831,
        "msssim": 0.938907,
        "psnr": 25.3504
    },
    "NCTU02": {
        "datetime": "2019-04-28 20:11:42",
        "decoder_size": 24692584,
        "decoding_time": 34293677,
        "images_size": 15582911,
        "msssim": 0.933779,
        "psnr": 27.3669
    },
    "NCTU02SSIM": {
        "datetime": "2019-04-28 19:20:28",
        "decoder_size": 24843399,
        "decoding_time": 33302624,
        "images_size": 15729960,
        "msssim": 0.940148,
        "psnr": 27.4853
    },
    "NCTU04FOI": {
        "datetime": "2019-04-23 21:23:01",
        "decoder_size": 107318718,
        "decoding_time": 17376917,
        "images_size": 15518419,
        "msssim": 0.920878,
        "psnr": 25.7863
    },
    "NJUVisionPSNR": {
        "datetime": "2019-04-26 07:48:54",
        "decoder_size": 76950201,
        "decoding_time": 67876555,
        "images_size": 15745551,
        "msssim": 0.956308,
        "psnr": 31.0989,
        "mos": 3.599819680577022
    },
    "NTCodec2019C": {
        "datetime": "2019-04-24 19:50:35",
        "decoder_size": 13096075,
        "decoding_time": 17977666,
        "images_size": 15437892,
        "msssim": 0.906975,
        "psnr": 27.014
    },
    "NTCodec2019CC": {
        "datetime": "2019-04-29 16:51:51",
        "decoder_size": 13097721,
        "decoding_time": 17806478,
        "images_size": 15648384,
        "msssim": 0.914924,
        "psnr": 26.1459
    },
    "NTCodec2019CM": {
        "datetime": "2019-04-28 22:28:07",
        "decoder_size": 13099165,
        "decoding_time": 16615291,
        "images_size": 15574441,
        "msssim": 0.917177,
        "psnr": 26.6109
    },
    "NTCodec2019F3": {
        "datetime": "2019-04-29 18:00:29",
        "decoder_size": 92905738,
        "decoding_time": 4835103,
        "images_size": 15682780,
        "msssim": 0.950569,
        "psnr": 29.2158
    },
    "NTCodec2019F4": {
        "datetime": "2019-04-30 09:28:14",
        "decoder_size": 92908284,
        "decoding_time": 5035271,
        "images_size": 14089543,
        "msssim": 0.939884,
        "psnr": 28.3864
    },
    "NTCodec2019vJ2": {
        "datetime": "2019-04-30 00:33:09",
        "decoder_size": 43728239,
        "decoding_time": 9949793,
        "images_size": 14709719,
        "msssim": 0.948385,
        "psnr": 29.0347
    },
    "PIK": {
        "datetime": "2019-04-29 19:03:45",
        "decoder_size": 1590077,
        "decoding_time": 660696,
        "images_size": 15699376,
        "msssim": 0.914588,
        "psnr": 26.0813
    },
    "TUEILMT": {
        "datetime": "2019-04-25 21:00:30",
        "decoder_size": 14960972,
        "decoding_time": 28278083,
        "images_size": 15747977,
        "msssim": 0.949803,
        "psnr": 30.4093,
        "mos": 3.5160792384872654
    },
    "TucodecPSNR": {
        "datetime": "2019-04-26 23:07:55",
        "decoder_size": 252475146,
        "decoding_time": 46174994,
        "images_size": 15748677,
        "msssim": 0.957567,
        "psnr": 31.2169
    },
    "TucodecSSIM": {
        "datetime": "2019-04-28 21:32:39",
        "decoder_size": 708349383,
        "decoding_time": 74252895,
        "images_size": 15748980,
        "msssim": 0.973882,
        "psnr": 28.6052,
        "mos": 3.6484856262833674
    },
    "VimicroABCnet": {
        "datetime": "2019-04-26 19:20:52",
        "decoder_size": 19893480,
        "decoding_time": 1100888,
        "images_size": 15748903,
        "msssim": 0.956166,
        "psnr": 31.086
    },
    "VimicroSpeed": {
        "datetime": "2019-04-25 03:03:32",
        "decoder_size": 5752488,
        "decoding_time": 550515,
        "images_size": 15748899,
        "msssim": 0.955984,
        "psnr": 31.0731
    },
    "ZTESmartCodec": {
        "datetime": "2019-04-29 08:23:38",
        "decoder_size": 2563696,
        "decoding_time": 240315,
        "images_size": 15749037,
        "msssim": 0.950477,
        "psnr": 30.594
    },
    "ZXROI": {
        "datetime": "2019-04-29 18:24:00",
        "decoder_size": 1230413,
        "decoding_time": 37446798,
        "images_size": 15721388,
        "msssim": 0.953908,
        "psnr": 30.7375
    },
    "ccuacm01": {
        "datetime": "2019-04-26 17:36:14",
        "decoder_size": 145013920,
        "decoding_time": 55093193,
        "images_size": 15584110,
        "msssim": 0.930272,
        "psnr": 27.0483,
        "mos": 3.3590435788661783
    },
    "fastDIC": {
        "datetime": "2019-04-23 17:27:22",
        "decoder_size": 63278532,
        "decoding_time": 530486,
        "images_size": 15744928,
        "msssim": 0.960657,
        "psnr": 27.3373
    },
    "pinob": {
        "datetime": "2019-04-28 16:33:57",
        "decoder_size": 14343639,
        "decoding_time": 971001,
        "images_size": 14481669,
        "msssim": 0.874637,
        "psnr": 23.6442
    },
    "slowDIC": {
        "datetime": "2019-04-23 22:36:08",
        "decoder_size": 169130675,
        "decoding_time": 21050715,
        "images_size": 15739206,
        "msssim": 0.967652,
        "psnr": 28.107
    }
}
