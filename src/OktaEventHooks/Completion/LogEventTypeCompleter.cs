using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OktaEventHooks.Completion;

/// <summary>
/// Completes -EventType of Get-OktaEventHookLog: the System Log types Okta writes about event hooks
/// (event_hook.delivery, event_hook.verified, the lifecycle ones) and the delivery-quota records, matching anywhere.
/// </summary>
public sealed class LogEventTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionText.Unquote(wordToComplete).TrimEnd('*');
        return EventHookLogRecord.KnownEventTypes
            .Where(t => t.IndexOf(word, System.StringComparison.OrdinalIgnoreCase) >= 0)
            .Select(t => new CompletionResult(t, t, CompletionResultType.ParameterValue, t));
    }
}
