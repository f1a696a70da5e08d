extension DockerClient {
  /// Runs `body` for each item with at most `limit` running at once, for bulk work over this client's pool.
  ///
  /// Items start in input order. Once `shouldContinue()` returns false (asked before starting each item)
  /// or the calling task is cancelled, no further item starts, and `shouldContinue` is not asked again;
  /// the items already started run to the end
  /// (cancellation reaches their requests, which then fail with `CancellationError`).
  ///
  /// ```swift
  /// let results = await client.forEachConcurrently(ids, shouldContinue: { !interrupted.value }) { id in
  ///   await Result { try await client.removeImage(id) }
  /// }
  /// ```
  ///
  /// - Parameters:
  ///   - limit: Most items in flight; nil for `maxConcurrency`.
  /// - Returns: One `(item, result)` per started item, in input order; items never started are absent.
  public func forEachConcurrently<Item: Sendable, Output: Sendable>(
    _ items: [Item],
    limit: Int? = nil,
    shouldContinue: @escaping @Sendable () -> Bool = { true },
    _ body: @escaping @Sendable (Item) async -> Output
  ) async -> [(Item, Output)] {
    await Self.forEachConcurrently(items, limit: limit ?? maxConcurrency, shouldContinue: shouldContinue, body)
  }

  /// The same as the instance method, with an explicit `limit` (at least 1).
  public static func forEachConcurrently<Item: Sendable, Output: Sendable>(
    _ items: [Item],
    limit: Int,
    shouldContinue: @escaping @Sendable () -> Bool = { true },
    _ body: @escaping @Sendable (Item) async -> Output
  ) async -> [(Item, Output)] {
    let limit = max(1, limit)
    var outputs: [Int: Output] = [:]
    await withTaskGroup(of: (Int, Output).self) { group in
      var next = 0
      var running = 0
      var stopped = false
      func startNext() -> Bool {
        guard !stopped, next < items.count else { return false }
        guard !Task.isCancelled, shouldContinue() else {
          stopped = true
          return false
        }
        let index = next
        let item = items[index]
        next += 1
        running += 1
        group.addTask { (index, await body(item)) }
        return true
      }
      while running < limit, startNext() {}
      while let (index, output) = await group.next() {
        running -= 1
        outputs[index] = output
        while running < limit, startNext() {}
      }
    }
    return outputs.keys.sorted().map { (items[$0], outputs[$0]!) }
  }
}
