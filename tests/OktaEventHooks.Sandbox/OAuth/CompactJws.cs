using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>
/// A JWT in JWS compact serialization (<c>header.payload.signature</c>), decoded but NOT verified:
/// whoever reads it must check the signature with <see cref="PublicJwk.Verify"/> before trusting a claim.
/// </summary>
internal sealed class CompactJws
{
    private CompactJws(JsonObject header, JsonObject payload, byte[] signingInput, byte[] signature)
    {
        Header = header;
        Payload = payload;
        SigningInput = signingInput;
        Signature = signature;
    }

    public JsonObject Header { get; }

    public JsonObject Payload { get; }

    /// <summary>The ASCII bytes of <c>header.payload</c>, exactly as sent: what the signature covers.</summary>
    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    public string? Algorithm => StringMember(Header, "alg");

    /// <summary>Null when the text is not three base64url parts of which the first two are JSON objects.</summary>
    public static CompactJws? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return null;
        }

        if (DecodeObject(parts[0]) is not { } header
            || DecodeObject(parts[1]) is not { } payload
            || TryDecode(parts[2]) is not { } signature)
        {
            return null;
        }

        return new CompactJws(header, payload, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature);
    }

    /// <summary>Strict base64url (no padding, no other alphabet); null when the text is not.</summary>
    public static byte[]? TryDecode(string text)
    {
        if (text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string? StringMember(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A NumericDate claim (seconds since the epoch, fractions allowed); null when absent or not a number.</summary>
    public static DateTimeOffset? TimeMember(JsonObject json, string name)
    {
        if (json[name] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<double>(out var seconds))
        {
            return null;
        }

        // Far outside any sensible date: treat as malformed rather than overflow.
        return Math.Abs(seconds) < 253_402_300_799 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : null;
    }

    private static JsonObject? DecodeObject(string part)
    {
        if (TryDecode(part) is not { } bytes)
        {
            return null;
        }

        try
        {
            // Touching Count materialises the object, so a duplicate member fails here and not later.
            return JsonNode.Parse(bytes) is JsonObject json && json.Count >= 0 ? json : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
