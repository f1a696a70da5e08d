import FoundationEssentials

/// Filters for list, prune and events requests, encoded as the `filters` query parameter.
///
/// Different keys AND, values of the same key OR, as in the engine. Keys are passed through
/// unchanged (`until`, `label`, `label!`, `dangling`, `reference`, `before`, `since`, `status`,
/// `ancestor`, `type`, `event`, ...).
///
/// ```swift
/// let filters: Filters = ["dangling": ["true"], "until": ["168h"]]
/// filters.json  // {"dangling":{"true":true},"until":{"168h":true}}
/// ```
public struct Filters: Sendable, Equatable, Hashable, ExpressibleByDictionaryLiteral {
  /// The values of each key.
  public private(set) var values: [String: [String]]

  /// No filters.
  public init() {
    values = [:]
  }

  /// Filters with these values for each key; keys with no values are dropped.
  public init(_ values: [String: [String]]) {
    self.values = [:]
    for (key, list) in values {
      for value in list { add(key, value) }
    }
  }

  public init(dictionaryLiteral elements: (String, [String])...) {
    self.init(Dictionary(elements, uniquingKeysWith: +))
  }

  /// True when there is no filter at all.
  public var isEmpty: Bool { values.isEmpty }

  /// Adds `value` to `key` (OR with the key's other values); a value already there is not repeated.
  public mutating func add(_ key: String, _ value: String) {
    var list = values[key, default: []]
    if !list.contains(value) { list.append(value) }
    values[key] = list
  }

  /// A copy with `value` added to `key`.
  public func adding(_ key: String, _ value: String) -> Filters {
    var copy = self
    copy.add(key, value)
    return copy
  }

  /// Removes every value of `key`.
  public mutating func remove(_ key: String) {
    values[key] = nil
  }

  /// The values of `key`, empty when absent.
  public subscript(key: String) -> [String] {
    values[key] ?? []
  }

  /// The engine's JSON form, `{"key":{"value":true}}`, with keys and values sorted.
  /// Engines since API 1.22 read this form.
  public var json: String {
    var object: [String: [String: Bool]] = [:]
    for (key, list) in values {
      object[key] = Dictionary(list.map { ($0, true) }, uniquingKeysWith: { first, _ in first })
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(object), let text = String(data: data, encoding: .utf8) else {
      return "{}"
    }
    return text
  }
}
