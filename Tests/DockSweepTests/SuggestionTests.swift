import Testing

@testable import DockSweep

/// "Did you mean" picks the closest allowed name when it is close enough.
@Suite struct SuggestionTests {
  @Test func closeMisspellings() {
    #expect(Suggestion.closest(to: "alll", among: ["all", "dangling", "label", "reference"]) == "all")
    #expect(Suggestion.closest(to: "froce", among: ["force", "prune"]) == "force")
    #expect(Suggestion.closest(to: "lable", among: ["all", "dangling", "label", "reference"]) == "label")
    #expect(Suggestion.closest(to: "ALL", among: ["all"]) == "all")
    #expect(Suggestion.closest(to: "refrence", among: ["all", "dangling", "label", "reference"]) == "reference")
  }

  @Test func nothingCloseEnough() {
    #expect(Suggestion.closest(to: "xyz", among: ["all", "force"]) == nil)
    #expect(Suggestion.closest(to: "colour", among: ["size", "created"]) == nil)
    #expect(Suggestion.closest(to: "anything", among: []) == nil)
  }

  @Test func editDistance() {
    #expect(Suggestion.distance("kitten", "sitting") == 3)
    #expect(Suggestion.distance("", "abc") == 3)
    #expect(Suggestion.distance("abc", "") == 3)
    #expect(Suggestion.distance("same", "same") == 0)
    #expect(Suggestion.distance("ab", "ba") == 2)
  }
}
