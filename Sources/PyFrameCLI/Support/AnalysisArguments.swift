import ArgumentParser
import TraceAnalysis

// The analysers' option enums, parsed straight from the command line.
extension ReportSort: ExpressibleByArgument {}
extension FlameWeight: ExpressibleByArgument {}
