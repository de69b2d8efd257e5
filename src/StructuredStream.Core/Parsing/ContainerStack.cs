using System.Diagnostics;

namespace StructuredStream.Parsing;

/// <summary>
/// One bit per open container (1 = object, 0 = array): the first 64 levels live in a <see cref="ulong"/>, deeper
/// ones in an array allocated only past that depth (the shape of System.Text.Json's BitStack).
/// </summary>
internal struct ContainerStack
{
    private const int InlineLevels = 64;

    private ulong _inline;
    private ulong[]? _overflow;

    /// <summary>The number of open containers.</summary>
    public int Depth { get; private set; }

    /// <summary>Whether the innermost open container is an object; false for an array or at the root.</summary>
    public readonly bool InObject => Depth > 0 && Get(Depth - 1);

    public void Push(bool isObject)
    {
        var level = Depth++;
        if (level < InlineLevels)
        {
            _inline = isObject ? _inline | (1UL << level) : _inline & ~(1UL << level);
            return;
        }

        var bit = level - InlineLevels;
        var word = bit / 64;
        if (_overflow is null || word >= _overflow.Length)
        {
            Array.Resize(ref _overflow, Math.Max(2, (word + 1) * 2));
        }

        _overflow[word] = isObject ? _overflow[word] | (1UL << (bit % 64)) : _overflow[word] & ~(1UL << (bit % 64));
    }

    /// <summary>Closes the innermost container and returns whether it was an object.</summary>
    public bool Pop()
    {
        Debug.Assert(Depth > 0, "Pop on an empty container stack.");
        var isObject = Get(Depth - 1);
        Depth--;
        return isObject;
    }

    private readonly bool Get(int level)
    {
        if (level < InlineLevels)
        {
            return (_inline & (1UL << level)) != 0;
        }

        var bit = level - InlineLevels;
        return (_overflow![bit / 64] & (1UL << (bit % 64))) != 0;
    }
}
