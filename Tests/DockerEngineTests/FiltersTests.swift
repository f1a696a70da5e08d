import DockerEngine
import Testing

@Suite struct FiltersTests {
  @Test func emptyFiltersAreEmptyObject() {
    #expect(Filters().isEmpty)
    #expect(Filters().json == "{}")
  }

  @Test func valuesBecomeTrueMapsSorted() {
    let filters: Filters = ["until": ["168h"], "dangling": ["true"], "label": ["b=2", "a=1"]]
    #expect(filters.json == #"{"dangling":{"true":true},"label":{"a=1":true,"b=2":true},"until":{"168h":true}}"#)
  }

  @Test func negatedLabelsAndSpecialCharactersAreKept() {
    var filters = Filters()
    filters.add("label!", "keep")
    filters.add("reference", "myorg/*:1.0")
    filters.add("until", "2020-07-07T00:00:00+02:00")
    #expect(
      filters.json
        == #"{"label!":{"keep":true},"reference":{"myorg/*:1.0":true},"until":{"2020-07-07T00:00:00+02:00":true}}"#)
  }

  @Test func addingRepeatsNothingAndRemoveDropsAKey() {
    var filters = Filters(["status": ["exited"]])
    filters.add("status", "exited")
    filters.add("status", "created")
    #expect(filters["status"] == ["exited", "created"])
    #expect(filters.adding("label", "x")["label"] == ["x"])
    filters.remove("status")
    #expect(filters.isEmpty)
    #expect(Filters(["label": []]).isEmpty)
  }
}
