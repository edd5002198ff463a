using ActorCity.Grains;

namespace ActorCity.Simulation.Engine;

/// <summary>The engine's view of a task, updated from each command's result (the grain's own report of its new state).</summary>
internal struct Mirror(int category, int checkpoint, int grid, int department, double handlingHours)
{
    public readonly int Category = category;
    public readonly int Checkpoint = checkpoint;
    public readonly int Grid = grid;
    public readonly int Department = department;
    public readonly double HandlingHours = handlingHours;
    public TaskState State;
    public int Cycle;
    public long FinishAt;

    /// <summary>The task grain's reference, made on first use.</summary>
    public ITaskGrain? Grain;
}

/// <summary>
/// The engine's tasks by id (0, 1, 2, ...), stored as values in chunks of 1,024. Chosen for the collector: 100,000
/// mirror objects would be 100,000 more long-lived objects to promote and trace, and a list's doubling array of
/// references would grow through the large object heap, whose allocations trigger gen 2 collections; a chunk
/// (48 KB) stays on the small object heap.
/// </summary>
internal sealed class MirrorTable
{
    private const int ChunkBits = 10;
    private const int ChunkMask = (1 << ChunkBits) - 1;
    private readonly List<Mirror[]> _chunks = [];

    public int Count { get; private set; }

    public ref Mirror this[int id]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)id, (uint)Count, nameof(id));
            return ref _chunks[id >> ChunkBits][id & ChunkMask];
        }
    }

    /// <summary>Adds a task and returns its id.</summary>
    public int Add(in Mirror mirror)
    {
        var id = Count;
        if ((id & ChunkMask) == 0)
        {
            _chunks.Add(new Mirror[1 << ChunkBits]);
        }

        _chunks[id >> ChunkBits][id & ChunkMask] = mirror;
        Count = id + 1;
        return id;
    }
}
