using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ActorCity.Benchmarks.GrainCallBenchmarks).Assembly).Run(args);
