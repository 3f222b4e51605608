using System.Collections.Generic;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks;

/// <summary>
/// Turns the -Header, -Filter and -AuthHeader* arguments into the client's shapes. What is allowed is decided by
/// <see cref="EventHookRules"/>; this only converts, and reports the rules' findings as parameter errors.
/// </summary>
internal static class HookParameters
{
    /// <summary>-Header as the client's headers, in the order given; keys and values as text.</summary>
    public static List<EventHookHeader> Headers(IDictionary? headers) =>
        Entries(headers).Select(e => new EventHookHeader { Key = Text(e.Key) ?? string.Empty, Value = Text(e.Value) ?? string.Empty }).ToList();

    /// <summary>-Filter as the client's filter entries: event type to Expression Language condition.</summary>
    public static List<EventHookFilterMapEntry> Filter(IDictionary? filter) =>
        Entries(filter).Select(e => new EventHookFilterMapEntry { Event = Text(e.Key) ?? string.Empty, Expression = Text(e.Value) ?? string.Empty }).ToList();

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

        if (nameGiven && EventHookRules.HeaderNameProblem(name) is string nameProblem)
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

    /// <summary>The plain secret, made only at the moment it is sent.</summary>
    public static string Reveal(SecureString secret) => new NetworkCredential(string.Empty, secret).Password;

    private static string? Text(object? value)
    {
        var raw = value is PSObject wrapped ? wrapped.BaseObject : value;
        return raw?.ToString();
    }
}
