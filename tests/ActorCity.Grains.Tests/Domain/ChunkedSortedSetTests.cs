using ActorCity.Grains.Domain;

namespace ActorCity.Grains.Tests.Domain;

/// <summary>The department queue's set answers as <see cref="SortedSet{T}"/> does, through long random runs of changes.</summary>
public sealed class ChunkedSortedSetTests
{
    [Theory]
    [InlineData(1, 50, 20_000)]
    [InlineData(2, 3_000, 40_000)]
    [InlineData(3, 100_000, 40_000)]
    public void Random_adds_and_removes_give_what_a_sorted_set_gives(int seed, int keys, int steps)
    {
        var random = new Random(seed);
        var expected = new SortedSet<int>();
        var actual = new ChunkedSortedSet<int>();
        for (var step = 0; step < steps; step++)
        {
            // Phases that grow, churn and drain the set, so chunks split, thin out and join.
            var phase = step * 3 / steps;
            var addShare = phase switch { 0 => 0.8, 1 => 0.5, _ => 0.2 };
            var key = random.Next(keys);
            if (random.NextDouble() < addShare)
            {
                Assert.Equal(expected.Add(key), actual.Add(key));
            }
            else if (random.Next(4) == 0 && expected.Count > 0)
            {
                // The queue's usual removal: its head, as a crew takes it.
                Assert.True(actual.Remove(expected.Min));
                expected.Remove(expected.Min);
            }
            else
            {
                Assert.Equal(expected.Remove(key), actual.Remove(key));
            }

            Assert.Equal(expected.Count, actual.Count);
            Assert.Equal(expected.Min, actual.Min);
            if (step % 997 == 0)
            {
                Assert.Equal(expected, actual);
            }
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Queue_entries_keep_the_queue_order_and_an_equal_entry_is_not_added_twice()
    {
        var deadline = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var entries = Enumerable.Range(0, 500)
            .Select(i => new QueueEntry($"T-{i % 250:D6}", (EscalationLevel)(i % 3), deadline.AddHours(i % 7)))
            .ToArray();
        var expected = new SortedSet<QueueEntry>(entries);
        var actual = new ChunkedSortedSet<QueueEntry>();
        foreach (var entry in entries)
        {
            actual.Add(entry);
        }

        Assert.False(actual.Add(entries[0]));
        Assert.Equal(expected, actual);
        Assert.Equal(EscalationLevel.Supervision, actual.Min.Level);
    }

    [Fact]
    public void An_empty_set_has_no_first_entry_and_removes_nothing()
    {
        var set = new ChunkedSortedSet<int>();
        Assert.Equal(0, set.Min);
        Assert.False(set.Remove(3));
        Assert.Empty(set);

        Assert.True(set.Add(3));
        set.Clear();
        Assert.Empty(set);
        Assert.True(set.Add(4));
        Assert.Equal([4], set);
    }

    [Fact]
    public void A_queue_that_empties_and_fills_again_reuses_its_chunk()
    {
        var set = new ChunkedSortedSet<int>();
        set.Add(1);
        set.Remove(1);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            Assert.True(set.Add(i));
            Assert.True(set.Remove(i));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Empty(set);
    }

    [Fact]
    public void Entries_removed_are_not_kept_alive_by_the_chunks_it_keeps()
    {
        // A first entry that stays, so the first chunk never empties: the chunks after it drain into it and are kept
        // for reuse, and must not hold on to what was in them.
        var first = new Boxed(-1);
        var set = new ChunkedSortedSet<Boxed>();
        set.Add(first);
        var removed = Fill(set, 200);
        DrainAfterFirst(set);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal([first], set);
        Assert.All(removed, r => Assert.False(r.TryGetTarget(out _)));
    }

    // Not inlined, so no entry stays reachable from this method's frame.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static List<WeakReference<Boxed>> Fill(ChunkedSortedSet<Boxed> set, int count)
    {
        var added = new List<WeakReference<Boxed>>();
        for (var i = 0; i < count; i++)
        {
            // Interleaved keys, so chunks split in the middle as well as at the end.
            var entry = new Boxed((i * 37) % count);
            set.Add(entry);
            added.Add(new WeakReference<Boxed>(entry));
        }

        return added;
    }

    // The queue's usual removal, the head as crews take tasks, here the entry after the first. Not inlined, so the last
    // entry removed does not stay in a slot of the test's frame.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void DrainAfterFirst(ChunkedSortedSet<Boxed> set)
    {
        while (set.Count > 1)
        {
            Assert.True(set.Remove(set.Skip(1).First()));
        }
    }

    private sealed class Boxed(int value) : IComparable<Boxed>
    {
        public int Value { get; } = value;

        public int CompareTo(Boxed? other) => Value.CompareTo(other!.Value);
    }
}
