using BenchmarkDotNet.Running;

if (args is ["soak", ..]) return await ApiContracts.Benchmarks.Soak.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
