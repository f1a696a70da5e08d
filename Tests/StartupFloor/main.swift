// The start any static-runtime Swift program pays on this machine: scripts/bench times it beside
// `docksweep -e 'print(1)'`.
print(1)
