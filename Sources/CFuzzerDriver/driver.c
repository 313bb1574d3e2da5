// Declarations only (see include/CFuzzerDriver.h): libFuzzer defines LLVMFuzzerRunDriver.
