using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace OktaEventHooks;

/// <summary>
/// A read-only list of texts (such as a hook's event types) that shows itself as one comma-separated text, so that
/// Export-Csv and string expansion write the items rather than a type name; ConvertTo-Json still writes an array.
/// </summary>
public sealed class TextList : ReadOnlyCollection<string>
{
    public TextList(IEnumerable<string> items)
        : base((items ?? Enumerable.Empty<string>()).ToList())
    {
    }

    public override string ToString() => string.Join(", ", this);
}
