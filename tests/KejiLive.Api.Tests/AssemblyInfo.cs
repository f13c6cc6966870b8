// The co-hosted silo binds real ports and the restart tests start real silo processes: one thing at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
