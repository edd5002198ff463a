using System.Collections.Immutable;

namespace ActorCity.Grains;

/// <summary>
/// The hash codes of a ledger's command ids, in ledger order: a command is looked up in one small array of integers,
/// and only a ledger line whose hash matches is read and its id compared, instead of every line and every id string.
/// String hash codes are randomised per process, so the index lives in memory only: it is built when a record's
/// ledger is set (JSON deserialisation included) and takes no part in the record's equality.
/// </summary>
/// <remarks>
/// Records that append to the ledger share one buffer with spare room: slot 0 counts the slots claimed so far, and a
/// record that extends the ledger those slots describe claims the next ones in place; any other record (a second
/// branch from the same version) copies. A record reads only as many slots as its ledger has lines.
/// </remarks>
internal readonly struct LedgerIndex : IEquatable<LedgerIndex>
{
    private const int MinCapacity = 8;

    // Shared by every record with an empty ledger: it is never claimed in place (only a non-empty prefix is extended
    // in place), so a record made with no ledger lines (each activation's default state) allocates no index.
    private static readonly int[] s_empty = [0];

    private readonly int[] _buffer;

    private LedgerIndex(int[] buffer) => _buffer = buffer;

    public static LedgerIndex Empty => new(s_empty);

    public static int HashOf(string? commandId) => commandId?.GetHashCode() ?? 0;

    /// <summary>The hashes of the first <paramref name="count"/> lines.</summary>
    public ReadOnlySpan<int> Hashes(int count) => _buffer.AsSpan(1, count);

    /// <summary>
    /// The index of <paramref name="next"/>, given this index of <paramref name="ledger"/>: a ledger that only
    /// appends to the old one (the task machine's only change) hashes just the new lines.
    /// </summary>
    public LedgerIndex Follow(ImmutableArray<LedgerEntry> ledger, ImmutableArray<LedgerEntry> next)
    {
        if (next == ledger && _buffer is not null)
        {
            return this;
        }

        var old = ledger.AsSpan();
        var lines = next.AsSpan();
        var kept = _buffer is not null && Extends(lines, old) ? old.Length : 0;
        if (kept > 0 && _buffer!.Length > lines.Length && Interlocked.CompareExchange(ref _buffer[0], lines.Length, kept) == kept)
        {
            Hash(lines, kept, _buffer);
            return this;
        }

        var buffer = new int[Math.Max(MinCapacity, lines.Length * 2) + 1];
        buffer[0] = lines.Length;
        if (kept > 0)
        {
            _buffer.AsSpan(1, kept).CopyTo(buffer.AsSpan(1));
        }

        Hash(lines, kept, buffer);
        return new LedgerIndex(buffer);
    }

    /// <summary>The position of the last line of <paramref name="ledger"/> with <paramref name="commandId"/>; -1 if none.</summary>
    public static int LastIndexOf(ReadOnlySpan<int> hashes, ReadOnlySpan<LedgerEntry> ledger, string? commandId)
    {
        var hash = HashOf(commandId);
        var candidates = hashes;
        int i;
        while ((i = candidates.LastIndexOf(hash)) >= 0)
        {
            if (ledger[i].CommandId == commandId)
            {
                return i;
            }

            candidates = candidates[..i];
        }

        return -1;
    }

    public bool Equals(LedgerIndex other) => true;

    public override bool Equals(object? obj) => obj is LedgerIndex;

    public override int GetHashCode() => 0;

    private static bool Extends(ReadOnlySpan<LedgerEntry> lines, ReadOnlySpan<LedgerEntry> old)
    {
        if (lines.Length < old.Length)
        {
            return false;
        }

        // The index holds only command-id hashes, so equal ids are all it needs; a shared prefix has the same strings,
        // which string equality answers by reference.
        for (var i = 0; i < old.Length; i++)
        {
            if (!string.Equals(lines[i].CommandId, old[i].CommandId, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static void Hash(ReadOnlySpan<LedgerEntry> lines, int from, int[] buffer)
    {
        for (var i = from; i < lines.Length; i++)
        {
            buffer[i + 1] = HashOf(lines[i].CommandId);
        }
    }
}
