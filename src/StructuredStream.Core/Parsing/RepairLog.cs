namespace StructuredStream.Parsing;

/// <summary>Counts repairs by kind, in the order each kind was first made; bounded by the number of kinds.</summary>
public sealed class RepairLog
{
    private readonly List<Repair> _repairs = [];

    /// <summary>The repairs so far.</summary>
    public IReadOnlyList<Repair> Repairs => _repairs;

    /// <summary>Records one more repair of a kind at an offset.</summary>
    public void Record(RepairKind kind, long offset)
    {
        for (var i = 0; i < _repairs.Count; i++)
        {
            if (_repairs[i].Kind == kind)
            {
                _repairs[i] = _repairs[i] with { Count = _repairs[i].Count + 1 };
                return;
            }
        }

        _repairs.Add(new Repair(kind, 1, offset));
    }
}
