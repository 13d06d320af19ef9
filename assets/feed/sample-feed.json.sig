{
  "format": "sachmadoc-feed-signature",
  "formatVersion": 1,
  "alg": "ed25519",
  "keyId": "b633ee5bca2797c6",
  "sig": "TindRtu5Dg9BuW2O9gthzHURtcjYH1NIjLi76fTrmqSDjPX70nwRzL1q31xzgDDtXdo1cwDRTVyawJ6E3ojKDA=="
}
