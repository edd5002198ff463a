using ActorCity.Runtime.Reminders;

namespace ActorCity.Runtime.Tests;

public sealed class ShardedMapTests
{
    [Fact]
    public void GetOrAdd_creates_once_per_key_and_remove_find_values_and_clear_see_every_shard()
    {
        var map = new ShardedMap<int, string>();
        var created = 0;
        for (var round = 0; round < 2; round++)
        {
            for (var key = 0; key < 1_000; key++)
            {
                Assert.Equal($"v{key}", map.GetOrAdd(key, (k, _) => { created++; return $"v{k}"; }, 0));
            }
        }

        Assert.Equal(1_000, created);
        Assert.True(map.Remove(7, out var removed));
        Assert.Equal("v7", removed);
        Assert.False(map.Remove(7, out _));
        Assert.Null(map.Find(7));
        Assert.Equal("v8", map.Find(8));
        Assert.Equal(999, map.Values().Distinct().Count());

        var cleared = new List<string>();
        map.Clear(cleared.Add);

        Assert.Equal(999, cleared.Count);
        Assert.Empty(map.Values());
    }

    [Fact]
    public async Task Concurrent_GetOrAdd_of_one_key_hands_every_caller_the_same_value()
    {
        var map = new ShardedMap<string, object>();
        var values = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => map.GetOrAdd("key", static (_, _) => new object(), 0))));

        Assert.All(values, value => Assert.Same(values[0], value));
    }
}
