using System;
using System.Management.Automation;

namespace OktaEventHooks;

/// <summary>
/// Progress for a command that works through many hooks, shown only past a handful of them and only to a
/// person: a host without a user (Default Host of an embedded runspace, a non-interactive session such as a
/// service) gets none. WriteProgress itself honours $ProgressPreference.
/// </summary>
internal sealed class HookProgress
{
    /// <summary>Up to this many hooks a command is quick enough that a progress bar would only flicker.</summary>
    public const int Threshold = 5;

    private readonly PSCmdlet _cmdlet;
    private readonly string _activity;
    private readonly int _activityId;
    private readonly bool _interactive;
    private int _done;
    private bool _shown;

    public HookProgress(PSCmdlet cmdlet, string activity)
    {
        _cmdlet = cmdlet;
        _activity = activity;
        _activityId = Math.Abs(activity.GetHashCode() % 10000) + 1;
        _interactive = Environment.UserInteractive
            && !string.Equals(cmdlet.Host?.Name, "Default Host", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Reports that work on one more hook begins. <paramref name="total"/> is the number of hooks when it is
    /// known up front; from the pipeline it is not, and the bar then appears from the sixth hook, without percent.
    /// </summary>
    public void Next(string hook, int? total = null)
    {
        _done++;
        if (!_interactive || !(_shown || _done > Threshold || total > Threshold))
        {
            return;
        }

        _shown = true;
        var record = new ProgressRecord(_activityId, _activity, total.HasValue ? $"{hook} ({_done} of {total})" : $"{hook} ({_done})");
        if (total > 0)
        {
            record.PercentComplete = Math.Min(100, (_done - 1) * 100 / total.Value);
        }

        _cmdlet.WriteProgress(record);
    }

    /// <summary>Clears the bar at the end of the command, if one was shown.</summary>
    public void Complete()
    {
        if (_shown)
        {
            _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            _shown = false;
        }
    }
}
