using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.SystemLog;

/// <summary>
/// Many records made up on demand: <see cref="Count"/> copies of one LogEvent template, spread evenly over
/// [<see cref="From"/>, <see cref="To"/>), each with its own <c>uuid</c>, <c>published</c> and transaction id.
/// Nothing per record is stored, so a scale test can add a hundred thousand records (or ten million) for free.
/// The filter sees the template: the fields a filter can name are the same in every record of the range.
/// </summary>
internal sealed class SyntheticLogRange
{
    private const string UuidMarker = "@@uuid@@";
    private const string PublishedMarker = "@@published@@";
    private const string TransactionMarker = "@@transaction@@";

    // The template's JSON cut at the per-record values: literal, value, literal, value, ..., literal.
    private readonly List<string> _literals = [];
    private readonly List<string> _markers = [];
    private readonly long _spanTicks;

    public SyntheticLogRange(long source, DateTimeOffset from, DateTimeOffset to, int count, JsonObject template)
    {
        Source = source;
        From = from;
        To = to;
        Count = count;
        _spanTicks = (to - from).Ticks;

        Template = (JsonObject)template.DeepClone();
        Template["published"] = OktaTime.Format(from);
        Text = OktaJsonResult.Serialize(Template);

        var withMarkers = (JsonObject)template.DeepClone();
        withMarkers["uuid"] = UuidMarker;
        withMarkers["published"] = PublishedMarker;
        if (withMarkers["transaction"] is JsonObject transaction)
        {
            transaction["id"] = TransactionMarker;
        }

        if (withMarkers["debugContext"]?["debugData"] is JsonObject debugData && debugData.ContainsKey("requestId"))
        {
            debugData["requestId"] = TransactionMarker;
        }

        Split(OktaJsonResult.Serialize(withMarkers));
    }

    public long Source { get; }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    public int Count { get; }

    /// <summary>The record every record of the range is a copy of (with the first record's time), for filters and keywords.</summary>
    public JsonObject Template { get; }

    public string Text { get; }

    /// <summary>Whole milliseconds, as Okta publishes; never decreasing with the index.</summary>
    public DateTimeOffset PublishedAt(long index)
    {
        var ticks = From.UtcTicks + (long)((decimal)_spanTicks * index / Count);
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public LogPosition PositionAt(long index) => new(PublishedAt(index).UtcTicks, Source, index);

    /// <summary>The smallest index whose position is not below <paramref name="bound"/> (or past it, when <paramref name="strictly"/>); <see cref="Count"/> when none.</summary>
    public long FirstIndexFrom(LogPosition bound, bool strictly)
    {
        long low = 0, high = Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var position = PositionAt(middle);
            if (strictly ? position > bound : position >= bound)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    public string Render(long index)
    {
        var text = new StringBuilder(Text.Length + 64);
        for (var i = 0; i < _markers.Count; i++)
        {
            text.Append(_literals[i]).Append('"').Append(ValueOf(_markers[i], index)).Append('"');
        }

        return text.Append(_literals[^1]).ToString();
    }

    private string ValueOf(string marker, long index) => marker switch
    {
        UuidMarker => UuidOf(index),
        PublishedMarker => OktaTime.Format(PublishedAt(index)),
        _ => string.Create(CultureInfo.InvariantCulture, $"sbx{Source:x6}{index:x10}"),
    };

    // A stable uuid per record, so a record read twice (two queries) is recognisably the same one.
    private string UuidOf(long index)
    {
        // Version 4 layout: source in the first six bytes, the version and variant bytes fixed, index in the last six.
        Span<byte> bytes = stackalloc byte[16];
        Span<byte> number = stackalloc byte[8];
        BitConverter.TryWriteBytes(number, Source);
        number[..6].CopyTo(bytes);
        bytes[7] = 0x40;
        bytes[8] = 0x80;
        BitConverter.TryWriteBytes(number, index);
        number[..6].CopyTo(bytes[10..]);
        return new Guid(bytes).ToString();
    }

    private void Split(string json)
    {
        var start = 0;
        while (true)
        {
            var next = -1;
            string? found = null;
            foreach (var marker in new[] { UuidMarker, PublishedMarker, TransactionMarker })
            {
                var at = json.IndexOf('"' + marker + '"', start, StringComparison.Ordinal);
                if (at >= 0 && (next < 0 || at < next))
                {
                    next = at;
                    found = marker;
                }
            }

            if (found is null)
            {
                _literals.Add(json[start..]);
                return;
            }

            _literals.Add(json[start..next]);
            _markers.Add(found);
            start = next + found.Length + 2;
        }
    }
}
