using System.Management.Automation;

namespace OktaEventHooks.Completion;

/// <summary>How completers read what was typed and write back what the parser accepts.</summary>
internal static class CompletionText
{
    /// <summary>The typed word without the quote the user may have opened.</summary>
    public static string Unquote(string? wordToComplete) =>
        (wordToComplete ?? string.Empty).Trim('\'', '"');

    /// <summary>A value as a literal argument: quoted when it holds anything the parser would split or expand.</summary>
    public static string Quote(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsLetterOrDigit(c) || c == '.' || c == '_' || c == '-'))
            {
                return "'" + value.Replace("'", "''") + "'";
            }
        }

        return value;
    }

    /// <summary>A name for a parameter that takes wildcards: wildcard characters in the name match only themselves.</summary>
    public static string QuoteForWildcard(string value) => Quote(WildcardPattern.Escape(value));
}
