using ActorCity.Runtime.Catalog;
using ActorCity.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCity.Runtime.Tests;

/// <summary>The catalog's intrusive hash table: lookups through growth, removal of one instance, lock-free readers.</summary>
public sealed class ActivationTableTests : IAsyncLifetime
{
    private SiloHost _silo = null!;
    private SiloRuntime _runtime = null!;
    private GrainClassInfo _classInfo = null!;

    public async Task InitializeAsync()
    {
        _silo = await SiloHost.StartAsync(b => b.AddMemoryGrainStorage().AddGrains(typeof(ActivationTableTests).Assembly));
        _runtime = _silo.Services.GetRequiredService<SiloRuntime>();
        _classInfo = _runtime.Registry.GetClassForInterface(typeof(ICountingGrain));
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private ActivationData Make(string key) => new(_runtime, new GrainId(_classInfo.GrainType, key), _classInfo);

    [Fact]
    public void Entries_added_past_many_resizes_are_all_found_and_a_removed_one_is_gone_while_its_bucket_neighbours_stay()
    {
        var table = new ActivationTable();
        var added = Enumerable.Range(0, 5000).Select(i => Make($"k{i}")).ToArray();
        foreach (var activation in added)
        {
            Assert.Same(activation, table.GetOrAdd(activation));
        }

        foreach (var activation in added.Where((_, i) => i % 3 == 0))
        {
            Assert.True(table.Remove(activation));
            Assert.False(table.Remove(activation));
        }

        for (var i = 0; i < added.Length; i++)
        {
            var found = table.Find(added[i].GrainId);
            if (i % 3 == 0)
            {
                Assert.Null(found);
            }
            else
            {
                Assert.Same(added[i], found);
            }
        }

        var all = new List<ActivationData>();
        table.AddTo(all);
        Assert.Equal(added.Length - ((added.Length + 2) / 3), all.Count);
        Assert.Equal(all.Count, table.Live().Count());
    }

    [Fact]
    public void GetOrAdd_returns_the_entry_already_there_and_Remove_leaves_a_newer_activation_of_the_same_grain()
    {
        var table = new ActivationTable();
        var first = Make("same");
        var rival = Make("same");
        Assert.Same(first, table.GetOrAdd(first));
        Assert.Same(first, table.GetOrAdd(rival));

        Assert.False(table.Remove(rival));
        Assert.True(table.Remove(first));
        var next = Make("same");
        Assert.Same(next, table.GetOrAdd(next));
        Assert.False(table.Remove(first));
        Assert.Same(next, table.Find(new GrainId(_classInfo.GrainType, "same")));
    }

    [Fact]
    public async Task A_reader_without_the_lock_always_finds_an_entry_added_before_it_looked_while_writers_grow_the_table()
    {
        var table = new ActivationTable();
        var added = Enumerable.Range(0, 40_000).Select(i => Make($"c{i}")).ToArray();
        var published = 0;
        var writer = Task.Run(() =>
        {
            foreach (var activation in added)
            {
                table.GetOrAdd(activation);
                Volatile.Write(ref published, Volatile.Read(ref published) + 1);
            }
        });

        var misses = 0;
        var reader = Task.Run(() =>
        {
            var random = new Random(7);
            while (!writer.IsCompleted)
            {
                var count = Volatile.Read(ref published);
                if (count > 0 && table.Find(added[random.Next(count)].GrainId) is null)
                {
                    misses++;
                }
            }
        });

        await Task.WhenAll(writer, reader);
        Assert.Equal(0, misses);
    }
}
