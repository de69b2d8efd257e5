using System.Runtime.CompilerServices;
using System.Text.Json;

namespace StructuredStream.Documents;

/// <summary>A JSON object; members keep insertion order and names are unique (setting an existing name replaces its value in place).</summary>
public sealed class ObjectNode : DocumentNode
{
    // Small objects are searched linearly; an index is built once they grow past this many members.
    private const int IndexThreshold = 8;

    private readonly List<KeyValuePair<string, DocumentNode>> _members = [];
    private Dictionary<string, int>? _index;

    /// <inheritdoc />
    public override DocumentNodeKind Kind => DocumentNodeKind.Object;

    /// <summary>The number of members.</summary>
    public int Count => _members.Count;

    /// <summary>The members in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, DocumentNode>> Members => _members;

    /// <summary>The members as a span, for readers of the whole document (no interface call per member).</summary>
    internal ReadOnlySpan<KeyValuePair<string, DocumentNode>> MemberSpan => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_members);

    /// <summary>Looks up a member by name.</summary>
    public bool TryGetValue(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DocumentNode? value)
    {
        var i = IndexOf(name);
        value = i >= 0 ? _members[i].Value : null;
        return i >= 0;
    }

    /// <summary>Sets a member: adds it at the end, or replaces the value of an existing member in place.</summary>
    /// <returns><see langword="true"/> when a member of that name already existed.</returns>
    public bool Set(string name, DocumentNode value)
    {
        var i = IndexOf(name);
        if (i >= 0)
        {
            _members[i] = new(name, value);
            return true;
        }

        _members.Add(new(name, value));
        if (_index is not null)
        {
            _index[name] = _members.Count - 1;
        }
        else if (_members.Count > IndexThreshold)
        {
            _index = new Dictionary<string, int>(_members.Count * 2, StringComparer.Ordinal);
            for (var m = 0; m < _members.Count; m++)
            {
                _index[_members[m].Key] = m;
            }
        }

        return false;
    }

    /// <summary>Removes a member; later members keep their relative order.</summary>
    public bool Remove(string name)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            return false;
        }

        _members.RemoveAt(i);
        if (_index is not null)
        {
            _index.Remove(name);
            for (var m = i; m < _members.Count; m++)
            {
                _index[_members[m].Key] = m;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override DocumentNode DeepClone()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var clone = new ObjectNode();
        foreach (var member in _members)
        {
            clone.Set(member.Key, member.Value.DeepClone());
        }

        return clone;
    }

    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        writer.WriteStartObject();
        foreach (var member in _members)
        {
            writer.WritePropertyName(member.Key);
            member.Value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    internal bool MembersEqual(ObjectNode other)
    {
        if (_members.Count != other._members.Count)
        {
            return false;
        }

        foreach (var member in _members)
        {
            if (!other.TryGetValue(member.Key, out var value) || !DeepEquals(member.Value, value))
            {
                return false;
            }
        }

        return true;
    }

    private int IndexOf(string name)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(name, out var i) ? i : -1;
        }

        for (var i = 0; i < _members.Count; i++)
        {
            if (string.Equals(_members[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
