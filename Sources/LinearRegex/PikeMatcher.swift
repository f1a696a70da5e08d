/// Runs a `RegexProgram` over a text in one pass, keeping every live thread of the program in a set (Pike's
/// VM): time is at most the program's length times the text's, whatever the pattern, and no thread is
/// followed twice at one position.
struct PikeMatcher {
  let program: RegexProgram

  /// How many thread steps run between two calls of `shouldStop`.
  static let stepsBetweenChecks = 1 << 16

  /// Whether the program matches anywhere in `text`; nil when `shouldStop` said to stop first.
  func firstMatch(in text: String, shouldStop: () -> Bool) -> Bool? {
    let size = program.instructions.count
    return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 5 * size) { buffer in
      buffer.initialize(repeating: 0)
      let base = buffer.baseAddress!
      var current = ThreadSet(dense: base, sparse: base + size)
      var next = ThreadSet(dense: base + 2 * size, sparse: base + 3 * size)
      let stack = base + 4 * size
      var scalars = text.unicodeScalars.makeIterator()
      var previous: Unicode.Scalar?
      var scalar = scalars.next()
      var steps = 0
      while true {
        if previous == nil || !program.anchoredAtStart {
          if follow(0, into: &current, stack: stack, previous: previous, next: scalar) { return true }
        }
        guard let c = scalar, current.count > 0 || !program.anchoredAtStart else { return false }
        let following = scalars.next()
        next.removeAll()
        for n in 0..<current.count {
          let pc = Int(current.dense[n])
          if consumes(pc, c), follow(pc + 1, into: &next, stack: stack, previous: c, next: following) {
            return true
          }
        }
        swap(&current, &next)
        previous = c
        scalar = following
        steps += current.count + 1
        if steps >= Self.stepsBetweenChecks {
          if shouldStop() { return nil }
          steps = 0
        }
      }
    }
  }

  private func consumes(_ pc: Int, _ c: Unicode.Scalar) -> Bool {
    switch program.instructions[pc] {
    case .literal(let s): return s == c
    case .set(let n): return program.sets[n].contains(c)
    case .any: return true
    case .anyButNewline: return c != "\n"
    default: return false
    }
  }

  /// Adds `start` and every instruction reached from it without consuming a scalar (at the position between
  /// `previous` and `next`) to `threads`. True when one of them is `match`.
  private func follow(
    _ start: Int, into threads: inout ThreadSet, stack: UnsafeMutablePointer<Int32>,
    previous: Unicode.Scalar?, next: Unicode.Scalar?
  ) -> Bool {
    guard threads.insert(start) else { return false }
    var depth = 1
    stack[0] = Int32(start)
    func push(_ pc: Int) {
      stack[depth] = Int32(pc)
      depth += 1
    }
    while depth > 0 {
      depth -= 1
      let pc = Int(stack[depth])
      switch program.instructions[pc] {
      case .match:
        return true
      case .jump(let target):
        if threads.insert(target) { push(target) }
      case .split(let first, let second):
        if threads.insert(second) { push(second) }
        if threads.insert(first) { push(first) }
      case .assertion(let assertion):
        if assertion.holds(before: previous, after: next), threads.insert(pc + 1) { push(pc + 1) }
      case .literal, .set, .any, .anyButNewline:
        break
      }
    }
    return false
  }
}

/// A set of program counters with constant-time insert, membership and clear (Briggs and Torczon's sparse
/// set), over memory the matcher lends it.
private struct ThreadSet {
  let dense: UnsafeMutablePointer<Int32>
  let sparse: UnsafeMutablePointer<Int32>
  private(set) var count = 0

  init(dense: UnsafeMutablePointer<Int32>, sparse: UnsafeMutablePointer<Int32>) {
    self.dense = dense
    self.sparse = sparse
  }

  /// Inserts `pc`; false when it was already there.
  mutating func insert(_ pc: Int) -> Bool {
    let slot = Int(sparse[pc])
    if slot < count && dense[slot] == Int32(pc) { return false }
    sparse[pc] = Int32(count)
    dense[count] = Int32(pc)
    count += 1
    return true
  }

  mutating func removeAll() { count = 0 }
}
