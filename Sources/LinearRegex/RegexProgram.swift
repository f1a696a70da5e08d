/// A pattern compiled for `PikeMatcher`: a list of instructions, run from 0, in the manner of Thompson's
/// construction. Every alternative is a `split`, so a match explores all of them at once, one text scalar at
/// a time, and the work per scalar is bounded by the program's length.
struct RegexProgram: Sendable {
  enum Instruction: Sendable {
    case literal(Unicode.Scalar)
    case set(Int)
    case any
    case anyButNewline
    case assertion(RegexNode.Assertion)
    /// Continue at both targets.
    case split(Int, Int)
    case jump(Int)
    case match
  }

  /// The most instructions a pattern may compile to (RE2 has a limit of the same kind).
  static let maximumSize = 20_000

  private(set) var instructions: [Instruction] = []
  private(set) var sets: [ScalarSet] = []
  /// Whether every match must start at the beginning of the text (the pattern begins with `^` or `\A`).
  private(set) var anchoredAtStart = false

  init(_ node: RegexNode) throws(RegexSyntaxError) {
    anchoredAtStart = Self.startsAnchored(node)
    try emit(node)
    instructions.append(.match)
  }

  private static func startsAnchored(_ node: RegexNode) -> Bool {
    switch node {
    case .assertion(.textStart): return true
    case .concatenation(let items): return items.first.map(startsAnchored) ?? false
    case .alternation(let branches): return branches.allSatisfy(startsAnchored)
    default: return false
    }
  }

  private mutating func append(_ instruction: Instruction) throws(RegexSyntaxError) -> Int {
    guard instructions.count < Self.maximumSize else {
      throw RegexSyntaxError("pattern too large (over \(Self.maximumSize) steps once repetitions are counted)", at: 1)
    }
    instructions.append(instruction)
    return instructions.count - 1
  }

  private mutating func emit(_ node: RegexNode) throws(RegexSyntaxError) {
    switch node {
    case .empty:
      break
    case .literal(let scalar):
      _ = try append(.literal(scalar))
    case .set(let set):
      sets.append(set)
      _ = try append(.set(sets.count - 1))
    case .any(let dotAll):
      _ = try append(dotAll ? .any : .anyButNewline)
    case .assertion(let assertion):
      _ = try append(.assertion(assertion))
    case .concatenation(let items):
      for item in items { try emit(item) }
    case .alternation(let branches):
      // split L1, next; L1: a; jump end; next: split L2, next2; ... last branch; end:
      var jumps: [Int] = []
      for (n, branch) in branches.enumerated() {
        if n < branches.count - 1 {
          let split = try append(.split(0, 0))
          try emit(branch)
          jumps.append(try append(.jump(0)))
          instructions[split] = .split(split + 1, instructions.count)
        } else {
          try emit(branch)
        }
      }
      for j in jumps { instructions[j] = .jump(instructions.count) }
    case .repetition(let body, let min, let max):
      for _ in 0..<min { try emit(body) }
      if let max {
        // Each optional copy may be skipped to the end.
        var splits: [Int] = []
        for _ in min..<max {
          splits.append(try append(.split(0, 0)))
          try emit(body)
        }
        for s in splits { instructions[s] = .split(s + 1, instructions.count) }
      } else {
        // loop: split body, end; body; jump loop
        let loop = try append(.split(0, 0))
        try emit(body)
        _ = try append(.jump(loop))
        instructions[loop] = .split(loop + 1, instructions.count)
      }
    }
  }
}
