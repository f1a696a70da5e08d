import DockerEngine
import Foundation
import LuaBridge

/// The `units` Lua module: the size and time parsers and formatters the
/// `docker` module uses, for recipes to use too.
enum UnitsModule {
  static func table() -> LuaValue {
    let functions: [String: LuaFunction] = [
      // units.bytes("1.5GB") -> 1500000000
      "bytes": { call in [.integer(try call.size(1))] },
      // units.size(n[, digits]) -> "1.5GB" (3 significant digits, like `docker images`)
      "size": { call in
        let n = try call.number(1)
        let digits = call.isNil(2) ? 3 : Int(try call.integer(2))
        guard (1...17).contains(digits) else { throw LuaArgumentError(position: 2, reason: "digits must be 1 to 17") }
        return [.string(ByteSize.format(n, precision: digits))]
      },
      // units.time("168h") -> unix seconds
      "time": { call in
        // Whole seconds (durations, dates without fractions) come back as integers, like os.time().
        let seconds = try call.time(1).timeIntervalSince1970
        if seconds.rounded() == seconds, let whole = Int64(exactly: seconds) { return [.integer(whole)] }
        return [.number(seconds)]
      },
      // units.ago(unix seconds) -> "3 weeks ago"
      "ago": { call in
        [.string(HumanDuration.ago(Date(timeIntervalSince1970: try call.number(1)), now: Date()))]
      },
    ]
    var fields: [String: LuaValue] = [:]
    for (name, body) in functions { fields[name] = .function(LuaSwiftFunction(name, body)) }
    return .table(LuaTable(fields: fields))
  }
}
