import DockerFormats
import FoundationEssentials
import LuaBridge

/// The methods image and container lists share: by creation date and age, by label, by a Lua
/// predicate, the first N. Each is declared once for both list classes.
enum ListMethods {
  static func bindings<L: ObjectList & SendableMetatype>(_ list: L.Type, sample: String) -> [Binding] {
    let owner = Binding.Owner.methods(of: L.className)
    let images = L.className == "ImageList"
    return [
      Binding(
        owner, "match", ["regex: string"], returns: L.className,
        summary: "keep items whose reference (images) or name (containers) matches the regex",
        example: images ? #"docker.images():match("^postgres:13-beta")"# : #"docker.containers():match("^web-")"#
      ) { a in [.object(try a.receiver(L.self).matching(try a.regex(1), keep: true))] },
      Binding(
        owner, "exclude", ["regex: string"], returns: L.className,
        summary: "drop items whose reference or name matches the regex",
        example: images ? #"docker.images():exclude(":latest$")"# : #"docker.containers():exclude("-old$")"#
      ) { a in [.object(try a.receiver(L.self).matching(try a.regex(1), keep: false))] },
      Binding(
        owner, "created_before", ["when: string|number"], returns: L.className,
        summary: "keep items created before a time (2020-07-07T00:00:00, 168h, 7d, unix seconds)",
        example: #"\#(sample):created_before("2020-07-07T00:00:00")"#
      ) { a in
        let date = try a.time(1).timeIntervalSince1970
        return try a.filtered(L.self) { TimeInterval(L.created($0)) < date }
      },
      Binding(
        owner, "created_after", ["when: string|number"], returns: L.className,
        summary: "keep items created after a time", example: #"\#(sample):created_after("24h")"#
      ) { a in
        let date = try a.time(1).timeIntervalSince1970
        return try a.filtered(L.self) { TimeInterval(L.created($0)) > date }
      },
      Binding(
        owner, "older_than", ["age: string|number"], returns: L.className,
        summary: "keep items older than an age (168h, 7d, 2w)", example: #"\#(sample):older_than("7d")"#
      ) { a in
        let date = try a.age(1).timeIntervalSince1970
        return try a.filtered(L.self) { TimeInterval(L.created($0)) < date }
      },
      Binding(
        owner, "newer_than", ["age: string|number"], returns: L.className, summary: "keep items newer than an age",
        example: #"\#(sample):newer_than("90m")"#
      ) { a in
        let date = try a.age(1).timeIntervalSince1970
        return try a.filtered(L.self) { TimeInterval(L.created($0)) > date }
      },
      Binding(
        owner, "labeled", ["key: string", "value?: string"], returns: L.className,
        summary: "keep items with the label (and value)", example: #"\#(sample):labeled("com.example.team", "web")"#
      ) { a in
        let key = try a.string(1)
        let value = try a.optionalString(2)
        return try a.filtered(L.self) { item in
          guard let found = L.labels(item)[key] else { return false }
          return value == nil || found == value
        }
      },
      Binding(
        owner, "filter", ["fn: fun(item): boolean"], returns: L.className,
        summary: "keep items for which fn returns true",
        example: images
          ? #"docker.images():filter(function(i) return #i.tags > 1 end)"#
          : #"docker.containers():filter(function(c) return c.state == "exited" end)"#
      ) { a in
        let l = try a.receiver(L.self)
        let fn = a.position(1)
        try a.call.checkFunction(fn)
        var kept: [L.Item] = []
        for item in l.items where try a.call.callFunction(fn, with: [l.object(for: item)]).first?.isTruthy == true {
          kept.append(item)
        }
        return [.object(l.with(kept))]
      },
      Binding(
        owner, "first", ["n: integer"], returns: L.className, summary: "the first n items",
        example: #"\#(sample):sort_by("created", "desc"):first(3)"#
      ) { a in [.object(try a.receiver(L.self).slice(count: try a.count(1), first: true))] },
      Binding(
        owner, "skip", ["n: integer"], returns: L.className, summary: "all but the first n items",
        example: #"\#(sample):sort_by("created", "desc"):skip(3)"#
      ) { a in [.object(try a.receiver(L.self).slice(count: try a.count(1), first: false))] },
      Binding(
        owner, "sort_by", ["field: string", "order?: \"asc\"|\"desc\""], returns: L.className,
        summary: "sort by " + String(joining: L.sortFields.map(\.name), separator: ", "),
        example: #"\#(sample):sort_by("created", "desc")"#
      ) { a in
        let l = try a.receiver(L.self)
        let field = try a.string(1)
        let descending = try SortOrder.read(a.call, a.position(2))
        guard let key = L.sortFields.first(where: { $0.name == field || $0.aliases.contains(field) })?.key else {
          throw LuaArgumentError(
            position: a.position(1),
            reason: "unknown sort field '\(field)'; use " + String(joining: L.sortFields.map(\.name), separator: ", "))
        }
        let ready = try l.sortable(by: field)
        return [.object(ready.with(SortKey.sort(ready.items, by: key, descending: descending)))]
      },
      Binding(owner, "ids", returns: "string[]", summary: "the full IDs", example: "\(sample):ids()") { a in
        let l = try a.receiver(L.self)
        return [.table(LuaTable(array: l.items.map { .string(L.id($0)) }))]
      },
      Binding(
        owner, "print", options: [.strings("columns")], returns: "nil",
        summary: "print the table, optionally with chosen columns",
        example: #"\#(sample):print{columns = {"id", "created"}}"#
      ) { a in
        let l = try a.receiver(L.self)
        let columns = try a.options().strings("columns")
        a.session.io.write(try l.table(columns: columns, position: a.binding.optionsPosition))
        return []
      },
    ]
  }
}

extension ObjectList {
  /// The first `count` items (`first`), or all but them.
  func slice(count: Int, first: Bool) -> Self {
    with(first ? Array(items.prefix(count)) : Array(items.dropFirst(count)))
  }
}

extension Arguments {
  /// Parameter `n` as a count: a whole number, not negative.
  func count(_ n: Int) throws -> Int {
    let value = try integer(n)
    guard value >= 0 else { throw LuaArgumentError(position: position(n), reason: "count must not be negative") }
    return Int(value)
  }
}
