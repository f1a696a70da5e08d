// Test images.
