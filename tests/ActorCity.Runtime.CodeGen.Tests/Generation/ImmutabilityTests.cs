using ActorCity.Runtime.CodeGen.Tests.Infrastructure;

namespace ActorCity.Runtime.CodeGen.Tests.Generation;

public sealed class ImmutabilityTests
{
    private const string Types = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Threading;
        using System.Threading.Tasks;
        using ActorCity.Runtime;
        using ActorCity.Runtime.Concurrency;

        namespace Sample;

        public enum Status { Open, Closed }
        public sealed record TaskDto(string Title, ImmutableArray<string> Tags, Status Status, DateTimeOffset Due);
        public sealed record Node(string Name, Node? Next);
        public record struct Point(int X, int Y);
        public readonly struct Range(int from, int to) { public readonly int From = from; public readonly int To = to; }
        public sealed class Frozen { public Frozen(string name) { Name = name; } public string Name { get; } private readonly int _count = 3; public int Count => _count; }
        [Immutable] public sealed class Trusted { public List<int> Items { get; } = new(); }
        public sealed record ListDto(string Title, List<string> Tags);
        public sealed record Outer(string Name, Inner Inner);
        public sealed record Inner(IReadOnlyList<string> Tags);
        public sealed class Settable { public string Name { get; set; } = ""; }
        public sealed record Loop(string Name, Loop? Next, int[] Values);
        public struct Holder { public List<int> Items; }
        public interface IOtherGrain : IGrainWithStringKey { Task Ping(); }
        """;

    private static GeneratorResult RunMethod(string signature) => GeneratorHarness.Run(Types, $$"""
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Threading;
        using System.Threading.Tasks;
        using ActorCity.Runtime;
        using ActorCity.Runtime.Concurrency;

        namespace Sample;

        public interface IFooGrain : IGrainWithStringKey
        {
            {{signature}}
        }
        """);

    [Theory]
    [InlineData("Task Bar(int a, long b, double c, decimal d, bool e, char f, string g, Status h);")]
    [InlineData("Task Bar(DateTime a, DateTimeOffset b, TimeSpan c, DateOnly d, TimeOnly e, Guid f, CancellationToken g, GrainId h);")]
    [InlineData("Task Bar(int? a, Status? b, string? c, IOtherGrain d, IFooGrain? e);")]
    [InlineData("Task Bar(ImmutableArray<string> a, ImmutableList<TaskDto> b, ImmutableDictionary<string, ImmutableHashSet<Guid>> c, ImmutableSortedDictionary<int, Node> d);")]
    [InlineData("Task<TaskDto> Bar(TaskDto a, Node b, Point c, Range d, Frozen e, Trusted f, (int, string) g);")]
    [InlineData("Task Bar([Immutable] List<int> trustedByCaller);")]
    [InlineData("[return: Immutable] Task<List<int>> Bar();")]
    [InlineData("Task<TickStatus> Bar(KeyValuePair<string, int> pair);")]
    public void Safe_parameter_and_result_types_are_accepted(string signature)
    {
        var result = RunMethod(signature);

        result.AssertCompilesCleanly();
    }

    [Theory]
    [InlineData("Task Bar(List<string> x);", "IFooGrain.Bar parameter 'x': List<string> is mutable; use ImmutableArray<string>")]
    [InlineData("Task Bar(ListDto x);", "IFooGrain.Bar parameter 'x': ListDto.Tags is List<string>, which is mutable; use ImmutableArray<string> or mark ListDto [Immutable]")]
    [InlineData("Task Bar(IReadOnlyList<int> x);", "IFooGrain.Bar parameter 'x': IReadOnlyList<int> is an interface, which may hide a mutable implementation; use ImmutableArray<int>")]
    [InlineData("Task Bar(int[] x);", "IFooGrain.Bar parameter 'x': int[] is mutable; use ImmutableArray<int>")]
    [InlineData("Task Bar(object x);", "IFooGrain.Bar parameter 'x': object can hold any mutable object; use a specific immutable type")]
    [InlineData("Task Bar(Settable x);", "IFooGrain.Bar parameter 'x': Settable.Name is settable, so Settable is mutable; make it readonly or init-only, or mark Settable [Immutable]")]
    [InlineData("Task Bar(Outer x);", "IFooGrain.Bar parameter 'x': Outer.Inner.Tags is IReadOnlyList<string>, which is an interface, which may hide a mutable implementation; use ImmutableArray<string> or mark Outer [Immutable]")]
    [InlineData("Task Bar(ImmutableArray<List<int>> x);", "IFooGrain.Bar parameter 'x': List<int> is mutable; use ImmutableArray<int>")]
    [InlineData("Task Bar(Loop x);", "IFooGrain.Bar parameter 'x': Loop.Values is int[], which is mutable; use ImmutableArray<int> or mark Loop [Immutable]")]
    [InlineData("Task Bar(Holder x);", "IFooGrain.Bar parameter 'x': Holder.Items is List<int>, which is mutable; use ImmutableArray<int> or mark Holder [Immutable]")]
    [InlineData("Task<Dictionary<string, int>> Bar();", "IFooGrain.Bar result: Dictionary<string, int> is mutable; use ImmutableDictionary<string, int>")]
    [InlineData("ValueTask<System.Text.StringBuilder> Bar();", "IFooGrain.Bar result: StringBuilder is a class from another assembly, which cannot be checked; use a record or mark it [Immutable]")]
    [InlineData("Task Bar(ReadOnlyMemory<byte> x);", "IFooGrain.Bar parameter 'x': ReadOnlyMemory<byte> is mutable; use ImmutableArray<byte>")]
    public void ACG006_mutable_types_are_rejected_with_the_offending_member_path(string signature, string expected)
    {
        var diagnostic = RunMethod(signature).Single("ACG006");

        Assert.Equal(expected, diagnostic.GetMessage());
    }

    [Fact]
    public void ACG006_reports_every_offending_parameter_and_no_proxy_is_generated()
    {
        var result = RunMethod("Task Bar(List<int> a, int ok, int[] b);");

        Assert.Equal(2, result.GeneratorDiagnostics.Count(d => d.Id == "ACG006"));
        Assert.DoesNotContain(result.GeneratedFiles, f => f.Contains("IFooGrain", StringComparison.Ordinal));
    }
}
