using System.Collections.Generic;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks;

/// <summary>
/// Turns the -Header, -Filter and -AuthHeader* arguments into the client's shapes. What is allowed is decided by
/// <see cref="EventHookRules"/>; this only converts, and reports the rules' findings as parameter errors.
/// </summary>
internal static class HookParameters
{
    /// <summary>
    /// -Header as the client's headers, in the order given. Names and values must be text: a SecureString, a hashtable,
    /// an array, a script block or $null would otherwise be sent as its type name. A terminating error names -Header.
    /// </summary>
    public static List<EventHookHeader> Headers(Cmdlet cmdlet, IDictionary? headers) =>
        Entries(headers).Select(e => new EventHookHeader
        {
            Key = Text(cmdlet, "Header", e.Key, null, "a header name"),
            Value = Text(cmdlet, "Header", e.Value, e.Key, "text; a secret goes in -AuthHeaderName and -AuthHeaderValue, which Okta never returns"),
        }).ToList();

    /// <summary>-Filter as the client's filter entries: event type to Expression Language condition, both text.</summary>
    public static List<EventHookFilterMapEntry> Filter(Cmdlet cmdlet, IDictionary? filter) =>
        Entries(filter).Select(e => new EventHookFilterMapEntry
        {
            Event = Text(cmdlet, "Filter", e.Key, null, "an event type name"),
            Expression = Text(cmdlet, "Filter", e.Value, e.Key, "an Okta Expression Language condition as text"),
        }).ToList();

    /// <summary>The entries of any dictionary (a hashtable, or a hook's Headers), through IDictionary's own enumerator.</summary>
    private static IEnumerable<DictionaryEntry> Entries(IDictionary? dictionary)
    {
        if (dictionary == null)
        {
            yield break;
        }

        var enumerator = dictionary.GetEnumerator();
        while (enumerator.MoveNext())
        {
            yield return enumerator.Entry;
        }
    }

    /// <summary>
    /// The one check of -AuthHeaderName and -AuthHeaderValue, for every cmdlet that takes them: a name needs a value,
    /// the name must be a header name, the value a sendable secret. A terminating error naming the parameter; the
    /// value is never quoted.
    /// </summary>
    public static void CheckAuthHeader(Cmdlet cmdlet, bool nameGiven, string? name, SecureString? value)
    {
        if (nameGiven && value == null)
        {
            cmdlet.ThrowTerminatingError(OktaErrorRecord.InvalidParameter(EventHookField.AuthHeaderName, name, "needs -AuthHeaderValue, the secret Okta sends in that header."));
        }

        if (nameGiven && EventHookRules.AuthHeaderNameProblem(name) is string nameProblem)
        {
            cmdlet.ThrowTerminatingError(OktaErrorRecord.InvalidParameter(EventHookField.AuthHeaderName, name, nameProblem));
        }

        if (value != null && EventHookRules.SecretProblem(Reveal(value)) is string secretProblem)
        {
            cmdlet.ThrowTerminatingError(OktaErrorRecord.InvalidParameter(EventHookField.AuthHeaderValue, null, secretProblem));
        }
    }

    /// <summary>Writes one non-terminating error per problem, each naming its parameter; false when there was any.</summary>
    public static bool Report(Cmdlet cmdlet, IEnumerable<EventHookProblem> problems, object? target)
    {
        var ok = true;
        foreach (var problem in problems)
        {
            ok = false;
            cmdlet.WriteError(OktaErrorRecord.InvalidParameter(problem.Field, problem.Field == EventHookField.AuthHeaderValue ? null : target, problem.Message));
        }

        return ok;
    }

    /// <summary>Warns about custom headers that look like credentials: Okta returns them in clear text.</summary>
    public static void WarnAboutCredentialHeaders(Cmdlet cmdlet, IEnumerable<EventHookHeader> headers)
    {
        foreach (var header in headers.Where(h => EventHookRules.LooksLikeCredential(h.Key)))
        {
            cmdlet.WriteWarning($"The custom header '{header.Key}' looks like a credential. Okta returns custom headers in clear text to anyone " +
                                "who can read the hook; pass a secret with -AuthHeaderName and -AuthHeaderValue instead.");
        }
    }

    /// <summary>
    /// The plain secret, made only at the moment it is sent: every character, by its length (a NUL inside does not end
    /// it, as it does for NetworkCredential.Password), so the rules see what was given and refuse what cannot be sent.
    /// </summary>
    public static string Reveal(SecureString secret)
    {
        var bstr = Marshal.SecureStringToBSTR(secret);
        try
        {
            return Marshal.PtrToStringBSTR(bstr);
        }
        finally
        {
            Marshal.ZeroFreeBSTR(bstr);
        }
    }

    /// <summary>A key (<paramref name="key"/> null) or the value of <paramref name="key"/> as text; anything else is a terminating error naming <paramref name="parameter"/>.</summary>
    private static string Text(Cmdlet cmdlet, string parameter, object? value, object? key, string allowed)
    {
        var raw = value is PSObject wrapped ? wrapped.BaseObject : value;
        if (raw is string text)
        {
            return text;
        }

        var what = key == null ? "a key" : $"the value of '{(key is PSObject k ? k.BaseObject : key)}'";
        var type = raw == null ? "$null" : raw is SecureString ? "a SecureString" : "a " + raw.GetType().Name;
        cmdlet.ThrowTerminatingError(OktaErrorRecord.InvalidParameter(parameter, null, $"{what} is {type}, which would be sent as its type name. Allowed: {allowed}."));
        return string.Empty;
    }
}
