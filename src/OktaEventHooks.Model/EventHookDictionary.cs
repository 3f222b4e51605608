using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace OktaEventHooks;

/// <summary>
/// A read-only map of a hook's named texts: its custom headers, its filters. As a dictionary (the indexer, Keys,
/// Values; what -Header and -Filter bind from a piped hook; what ConvertTo-Json writes as an object) it maps each
/// name to its value. Enumerated, it yields the entries, which is what Format-List *, Format-Table and Export-Csv
/// show, each by its ToString: so a header that looks like a credential is shown masked, while its value stays
/// readable by name. Names are compared without regard to case, first entry first.
/// </summary>
public abstract class EventHookDictionary<TEntry> : IDictionary, IReadOnlyCollection<TEntry>
    where TEntry : class
{
    private readonly List<TEntry> _entries;
    private readonly Func<TEntry, string> _keyOf;
    private readonly Func<TEntry, string> _valueOf;
    private readonly string _separator;

    /// <param name="copy">Copies an entry, so that changing an entry of the map does not change the hook it came from.</param>
    /// <param name="separator">What ToString puts between two entries.</param>
    private protected EventHookDictionary(IEnumerable<TEntry> entries, Func<TEntry, string> keyOf, Func<TEntry, string> valueOf, Func<TEntry, TEntry> copy, string separator)
    {
        _keyOf = keyOf;
        _valueOf = valueOf;
        _separator = separator;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        _entries = (entries ?? Enumerable.Empty<TEntry>()).Where(e => seen.Add(keyOf(e))).Select(copy).ToList();
    }

    /// <summary>The value of the entry named <paramref name="name"/>, or null when there is none.</summary>
    public string? this[string name] => Find(name) is TEntry entry ? _valueOf(entry) : null;

    public int Count => _entries.Count;

    /// <summary>The names, in Okta's order.</summary>
    public ICollection Keys => _entries.Select(_keyOf).ToArray();

    /// <summary>The values, in Okta's order.</summary>
    public ICollection Values => _entries.Select(_valueOf).ToArray();

    bool IDictionary.IsFixedSize => true;

    bool IDictionary.IsReadOnly => true;

    bool ICollection.IsSynchronized => false;

    object ICollection.SyncRoot => this;

    object? IDictionary.this[object key]
    {
        get => key is string name ? this[name] : null;
        set => throw ReadOnly();
    }

    public bool ContainsKey(string name) => Find(name) != null;

    public IEnumerator<TEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    IDictionaryEnumerator IDictionary.GetEnumerator() => new EntryEnumerator(_entries.Select(e => new DictionaryEntry(_keyOf(e), _valueOf(e))).ToList());

    bool IDictionary.Contains(object key) => key is string name && ContainsKey(name);

    void IDictionary.Add(object key, object? value) => throw ReadOnly();

    void IDictionary.Clear() => throw ReadOnly();

    void IDictionary.Remove(object key) => throw ReadOnly();

    void ICollection.CopyTo(Array array, int index) => ((ICollection)_entries.Select(e => new DictionaryEntry(_keyOf(e), _valueOf(e))).ToArray()).CopyTo(array, index);

    /// <summary>Every entry as ToString shows it, separated: what Export-Csv writes.</summary>
    public override string ToString() => string.Join(_separator, _entries);

    private TEntry? Find(string? name) => _entries.FirstOrDefault(e => string.Equals(_keyOf(e), name, StringComparison.OrdinalIgnoreCase));

    private static NotSupportedException ReadOnly() =>
        new NotSupportedException("The map is read-only: change the hook with Set-OktaEventHook -Header or -Filter.");

    /// <summary>Enumerates the map as a dictionary: DictionaryEntry items, as IDictionary's users expect.</summary>
    private sealed class EntryEnumerator : IDictionaryEnumerator
    {
        private readonly IReadOnlyList<DictionaryEntry> _items;
        private int _index = -1;

        public EntryEnumerator(IReadOnlyList<DictionaryEntry> items) => _items = items;

        public DictionaryEntry Entry => _index >= 0 && _index < _items.Count ? _items[_index] : throw new InvalidOperationException("The enumerator is not on an entry.");

        public object Key => Entry.Key;

        public object? Value => Entry.Value;

        public object Current => Entry;

        public bool MoveNext() => ++_index < _items.Count;

        public void Reset() => _index = -1;
    }
}

/// <summary>A hook's custom headers: name to value. Shown as "Name: value, ...", a credential-like header's value as ***.</summary>
public sealed class EventHookHeaderDictionary : EventHookDictionary<EventHookHeader>
{
    public EventHookHeaderDictionary(IEnumerable<EventHookHeader> headers)
        : base(headers, h => h.Key, h => h.Value, h => new EventHookHeader { Key = h.Key, Value = h.Value }, ", ")
    {
    }
}

/// <summary>A hook's filters: event type to Okta Expression Language condition. Shown as "type: condition; ...".</summary>
public sealed class EventHookFilterDictionary : EventHookDictionary<EventHookFilterMapEntry>
{
    public EventHookFilterDictionary(IEnumerable<EventHookFilterMapEntry> filters)
        : base(filters, f => f.Event, f => f.Expression, f => new EventHookFilterMapEntry { Event = f.Event, Expression = f.Expression }, "; ")
    {
    }
}
