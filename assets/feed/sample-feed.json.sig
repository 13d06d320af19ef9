{
  "format": "sachmadoc-feed-signature",
  "formatVersion": 1,
  "alg": "ed25519",
  "keyId": "b227b33a84c00b47",
  "sig": "q2iv6QyD3VGRxae2bf7ODelFNtO1gobL3S5+9AB0k2t09fyXZVC+Uy/IBEZdMx53HGT5TiFF/hdLWiJ4odPaDQ=="
}
