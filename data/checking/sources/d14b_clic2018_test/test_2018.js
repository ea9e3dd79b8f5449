var test_results = {
    "Amnesiack": {
        "datetime": "2018-04-18 19:52:17",
        "decoder_size": 7070429,
        "decoding_time": 179313414,
        "images_size": 13327732,
        "msssim": 0.9504390895441399,
        "psnr": 30.295051247213763,
        "mos": 3.450020568
    },
    "AmnesiackLite": {
        "datetime": "2018-04-18 23:32:26",
        "decoder_size": 1220246,
        "decoding_time": 29297186,
        "images_size": 13325728,
        "msssim": 0.9559620982174919,
        "psnr": 28.76853362101129,
        "mos": 3.440510498
    },
    "BPG": {
        "datetime": "2018-04-16 12:25:36",
        "decoder_size": 377858,
        "decoding_time": 333725,
        "images_size": 13189634,
        "msssim": 0.9425047514854574,
        "psnr": 29.63587685022059,
        "mos": 3.175066859
    },
    "Beamr": {
        "datetime": "2018-04-17 19:51:52",
        "decoder_size": 20109540,
        "decoding_time": 493440,
        "images_size": 13315987,
        "msssim": 0.9423699942546859,
        "psnr": 29.198123194901218
    },
    "Gcodec": {
        "datetime": "2018-04-27 22:10:39",
        "decoder_size": 56441496,
        "decoding_time": 24982576,
        "images_size": 13313459,
        "msssim": 0.9063499645574259,
        "psnr": 25.590750636052682
    },
    "IMCLh1": {
        "datetime": "2018-04-26 02:09:56",
        "decoder_size": 140207267,
        "decoding_time": 39253003,
        "images_size": 12927327,
        "msssim": 0.9391628483042018,
        "psnr": 27.005076154481696
    },
    "JPEG": {
        "datetime": "2018-04-28 21:12:00",
        "decoder_size": 166,
        "decoding_time": 136074,
        "images_size": 13326518,
        "msssim": 0.8627057432622147,
        "psnr": 25.65957765145089,
        "mos": 1.170987654
    },
    "Kattolab": {
        "datetime": "2018-04-22 18:04:08",
        "decoder_size": 402272,
        "decoding_time": 7080484,
        "images_size": 13194016,
        "msssim": 0.9425427635742997,
        "psnr": 29.246888364909445
    },
    "MVGL": {
        "datetime": "2018-04-23 10:36:48",
        "decoder_size": 25873249,
        "decoding_time": 219961195,
        "images_size": 13328219,
        "msssim": 0.9476634571246066,
        "psnr": 30.135790365039803,
        "mos": 3.3571723
    },
    "NCTU1": {
        "datetime": "2018-04-18 04:55:40",
        "decoder_size": 110376528,
        "decoding_time": 52780605,
        "images_size": 11250375,
        "msssim": 0.9220289810282597,
        "psnr": 26.191792635761708
    },
    "NCTU2": {
        "datetime": "2018-04-17 07:04:07",
        "decoder_size": 110372355,
        "decoding_time": 50100880,
        "images_size": 11421275,
        "msssim": 0.9241855661386243,
        "psnr": 26.304450591388907
    },
    "NJUVision": {
        "datetime": "2018-04-17 17:05:36",
        "decoder_size": 10304155,
        "decoding_time": 11439347,
        "images_size": 13084056,
        "msssim": 0.9469751707855575,
        "psnr": 27.616768958359117
    },
    "NTcodec": {
        "datetime": "2018-04-21 03:55:10",
        "decoder_size": 190731084,
        "decoding_time": 46296731,
        "images_size": 13125183,
        "msssim": 0.9312729925223545,
        "psnr": 27.899369342174403
    },
    "NTcodecFull": {
        "datetime": "2018-04-29 01:28:45",
        "decoder_size": 190731025,
        "decoding_time": 45335026,
        "images_size": 13125183,
        "msssim": 0.9326397022732925,
        "psnr": 27.92111517893161
    },
    "Roohan": {
        "datetime": "2018-04-26 19:22:49",
        "decoder_size": 435,
        "decoding_time": 263865,
        "images_size": 12868172,
        "msssim": 0.9272040020341222,
        "psnr": 26.5955391633903
    },
    "TucodecTNG": {
        "datetime": "2018-04-19 15:48:07",
        "decoder_size": 2596395,
        "decoding_time": 46535029,
        "images_size": 13325574,
        "msssim": 0.9548351220138053,
        "psnr": 30.758720460181493,
        "mos": 3.552263374
    },
    "TucodecTNGcnn": {
        "datetime": "2018-04-19 00:33:01",
        "decoder_size": 98775076,
        "decoding_time": 64602017,
        "images_size": 13320904,
        "msssim": 0.9480357847879801,
        "psnr": 29.170710693388813
    },
    "TucodecTNGcnn4p": {
        "datetime": "2018-04-18 06:37:20",
        "decoder_size": 97043988,
        "decoding_time": 15412641,
        "images_size": 13323808,
        "msssim": 0.9642837511567705,
        "psnr": 27.673287487223977,
        "mos": 3.587823941
    },
    "VimicroAIcnn": {
        "datetime": "2018-04-20 14:16:19",
        "decoder_size": 65556468,
        "decoding_time": 11701545,
        "images_size": 13321620,
        "msssim": 0.9210274732406092,
        "psnr": 26.986105544442577
    },
    "VimicroAIsvac": {
        "datetime": "2018-04-20 13:42:30",
        "decoder_size": 371666,
        "decoding_time": 9677324,
        "images_size": 12982068,
        "msssim": 0.939631296528071,
        "psnr": 29.2837320797381
    },
    "XDUAI": {
        "datetime": "2018-04-25 17:48:43",
        "decoder_size": 3485504,
        "decoding_time": 8149103,
        "images_size": 12484176,
        "msssim": 0.8725906474049195,
        "psnr": 23.665055135086433
    },
    "ZTESmartVideo": {
        "datetime": "2018-04-26 19:14:10",
        "decoder_size": 2392471,
        "decoding_time": 311734,
        "images_size": 13328130,
        "msssim": 0.9510977792693484,
        "psnr": 30.47001276760173
    },
    "beamr": {
        "datetime": "2018-04-24 17:15:05",
        "decoder_size": 20109540,
        "decoding_time": 195885,
        "images_size": 13316620,
        "msssim": 0.9434708276493234,
        "psnr": 29.017085670191154
    },
    "iipTiramisu": {
        "datetime": "2018-04-22 12:21:20",
        "decoder_size": 9034988,
        "decoding_time": 111905135,
        "images_size": 13320299,
        "msssim": 0.9550828997312532,
        "psnr": 30.88910029194099,
        "mos": 3.56129165
    },
    "iipTiramisuS": {
        "datetime": "2018-04-20 19:51:13",
        "decoder_size": 1444159,
        "decoding_time": 9373243,
        "images_size": 13314564,
        "msssim": 0.9537029682767099,
        "psnr": 30.742715375721588
    },
    "man": {
        "datetime": "2018-04-25 18:20:45",
        "decoder_size": 58643951,
        "decoding_time": 10624149,
        "images_size": 12553938,
        "msssim": 0.7750964120798226,
        "psnr": 22.868397546168396
    },
    "tangzhimin": {
        "datetime": "2018-04-17 22:14:54",
        "decoder_size": 4984420,
        "decoding_time": 30311917,
        "images_size": 13308588,
        "msssim": 0.9506016209200219,
        "psnr": 30.23627483450565,
        "mos": 3.490740741
    },
    "xvc": {
        "datetime": "2018-04-22 13:57:43",
        "decoder_size": 853416,
        "decoding_time": 535566,
        "images_size": 13328076,
        "msssim": 0.9543061255761723,
        "psnr": 27.090630492764753,
        "mos": 3.580864198
    },
    "yfan": {
        "datetime": "2018-04-26 12:15:10",
        "decoder_size": 4779153,
        "decoding_time": 74712678,
        "images_size": 13324840,
        "msssim": 0.9513788914259494,
        "psnr": 30.4280227439109,
        "mos": 3.531069959
    }
};
