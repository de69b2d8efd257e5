namespace StructuredStream.Documents;

/// <summary>
/// The member names one stream has used, so that a name repeated in every row of a table is one string rather than a
/// string per member: the document holds fewer objects, and collecting a large partial document costs less.
/// </summary>
/// <remarks>Bounded: past <see cref="MaxNames"/> names, or for a name longer than <see cref="MaxNameLength"/>, a new string is returned. Not thread safe.</remarks>
public sealed class MemberNameTable
{
    /// <summary>The most names kept.</summary>
    public const int MaxNames = 1024;

    /// <summary>The longest name kept, in UTF-16 code units.</summary>
    public const int MaxNameLength = 64;

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates an empty table.</summary>
    public MemberNameTable() => _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string for <paramref name="name"/>: the one kept, or a new one (kept when there is room).</summary>
    public string Get(ReadOnlySpan<char> name)
    {
        if (name.Length > MaxNameLength)
        {
            return name.ToString();
        }

        if (_lookup.TryGetValue(name, out var known))
        {
            return known;
        }

        var created = name.ToString();
        if (_names.Count < MaxNames)
        {
            _names.Add(created);
        }

        return created;
    }
}
