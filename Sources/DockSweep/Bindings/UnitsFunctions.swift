import DockerFormats
import FoundationEssentials
import LuaBridge

/// The functions of the `units` module: the size and time parsers and formatters the `docker` module
/// uses, for recipes to use too.
enum UnitsFunctions {
  static let bindings: [Binding] = [
    Binding(
      .module("units"), "bytes", ["size: string|number"], returns: "integer",
      summary: "parse a size: \"1.5GB\" → 1500000000", example: #"units.bytes("2GiB")"#
    ) { a in [.integer(try a.size(1))] },
    Binding(
      .module("units"), "size", ["bytes: number", "digits?: integer"], returns: "string",
      summary: "format a size like the docker CLI (3 significant digits)", example: "units.size(1.5e9)"
    ) { a in
      let n = try a.number(1)
      let digits = a.isNil(2) ? 3 : Int(try a.integer(2))
      guard (1...17).contains(digits) else { throw LuaArgumentError(position: 2, reason: "digits must be 1 to 17") }
      return [.string(ByteSize.format(n, precision: digits))]
    },
    Binding(
      .module("units"), "time", ["when: string|number"], returns: "number", summary: "parse a time into unix seconds",
      example: #"units.time("168h")"#
    ) { a in
      // Whole seconds (durations, dates without fractions) come back as integers, like os.time().
      let seconds = try a.time(1).timeIntervalSince1970
      if seconds.rounded() == seconds, let whole = Int64(exactly: seconds) { return [.integer(whole)] }
      return [.number(seconds)]
    },
    Binding(
      .module("units"), "ago", ["unix: number"], returns: "string", summary: "\"3 weeks ago\" for a unix time",
      example: "units.ago(os.time() - 3600)"
    ) { a in [.string(HumanDuration.ago(Date(timeIntervalSince1970: try a.number(1)), now: Date()))] },
  ]
}
