/// A destination for a stream of bytes, written in order.
protocol ByteSink: AnyObject {
  /// Appends `bytes`; the buffer is only valid for the duration of the call.
  func write(_ bytes: UnsafeRawBufferPointer) throws
}

extension ByteSink {
  /// Appends the bytes of `array`.
  func write(_ array: [UInt8]) throws {
    try array.withUnsafeBytes { try write($0) }
  }
}
