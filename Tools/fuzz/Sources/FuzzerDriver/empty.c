// Declarations only; the definitions are in libFuzzer's runtime.
