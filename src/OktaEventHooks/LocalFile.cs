using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text;

namespace OktaEventHooks;

/// <summary>
/// Files the user names (-Path, -PrivateKeyPath): checked before anything is read, sent or written, so that a
/// directory, a missing folder, a pipe, a device, a path of another provider or a huge file gives a clear error naming
/// the parameter instead of a hang or a file written somewhere else.
/// </summary>
internal static class LocalFile
{
    /// <summary>The longest file or folder name most file systems take.</summary>
    private const int MaxNameLength = 255;

    /// <summary>
    /// The text of a regular file of at most <paramref name="maxBytes"/>. A path that is missing, a directory, empty,
    /// not a regular file (a pipe or a device, also behind a link) or not on the file system is a terminating error
    /// naming <paramref name="parameter"/>.
    /// </summary>
    public static string ReadText(PSCmdlet cmdlet, string parameter, string path, long maxBytes, string whatItHolds)
    {
        var full = FileSystemPath(cmdlet, parameter, path, $"a file with {whatItHolds}");
        string? problem = null;
        if (Directory.Exists(full))
        {
            problem = $"'{full}' is a folder. Allowed: a file with {whatItHolds}.";
        }
        else if (!File.Exists(full))
        {
            problem = $"'{full}' does not exist. Allowed: a file with {whatItHolds}.";
        }
        else if (NotRegular(cmdlet, full) is string kind)
        {
            problem = $"'{full}' is {kind}, not a regular file; reading it could wait forever. Allowed: a file with {whatItHolds}.";
        }
        else
        {
            var info = new FileInfo(Target(full));
            if (info.Length == 0)
            {
                // A named pipe or a device also reports no length: reading it could wait forever.
                problem = $"'{full}' is empty or not a regular file. Allowed: a file with {whatItHolds}.";
            }
            else if (info.Length > maxBytes)
            {
                problem = $"'{full}' has {info.Length} bytes. Allowed: a file with {whatItHolds}, at most {maxBytes / 1024} KB.";
            }
        }

        if (problem != null)
        {
            cmdlet.ThrowTerminatingError(OktaErrorRecord.InvalidParameter(parameter, full, problem));
        }

        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            cmdlet.ThrowTerminatingError(OktaErrorRecord.InvalidParameter(parameter, full, $"'{full}' cannot be read: {ex.Message}"));
            throw;
        }
    }

    /// <summary>
    /// The full path of a file to write: literal (wildcard characters are refused, not written into a file name), on
    /// the file system, in a folder that exists and takes new files, and not a folder, pipe or device. A link is
    /// followed to the file it names. A terminating error naming <paramref name="parameter"/> otherwise.
    /// </summary>
    public static string OutputPath(PSCmdlet cmdlet, string parameter, string path)
    {
        string? problem = null;
        string full;
        if (WildcardPattern.ContainsWildcardCharacters(path))
        {
            problem = $"'{path}' contains wildcard characters (* ? [ ]). Allowed: the literal path of the file to write, e.g. ./hooks.json.";
            full = path;
        }
        else
        {
            full = Target(FileSystemPath(cmdlet, parameter, path, "the path of a file to write, e.g. ./hooks.json"));
            if (Directory.Exists(full))
            {
                problem = $"'{full}' is a folder. Allowed: the path of a file to write, e.g. {Path.Combine(full, "hooks.json")}.";
            }
            else if (Path.GetDirectoryName(full) is string folder && folder.Length > 0 && !Directory.Exists(folder))
            {
                problem = $"The folder '{folder}' does not exist. Allowed: a file in an existing folder.";
            }
            else if (File.Exists(full) && NotRegular(cmdlet, full) is string kind)
            {
                problem = $"'{full}' is {kind}, not a regular file. Allowed: the path of a regular file to write, e.g. ./hooks.json.";
            }
            else if (Unwritable(full) is string reason)
            {
                problem = $"'{full}' cannot be written: {reason}. Allowed: a file in a folder you can write to.";
            }
        }

        if (problem != null)
        {
            cmdlet.ThrowTerminatingError(OktaErrorRecord.InvalidParameter(parameter, path, problem));
        }

        return full;
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="full"/> whole or not at all: into a new file beside it, which
    /// then takes the old file's place. A full disk or a broken write leaves the previous file as it was.
    /// </summary>
    public static void WriteAllAtOnce(string full, string text)
    {
        var temporary = TemporaryBeside(full);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(full))
            {
                File.Replace(temporary, full, null);
            }
            else
            {
                File.Move(temporary, full);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The file-system path of <paramref name="path"/>; a path of another provider (Env:, Variable:) or one the file system cannot hold is refused.</summary>
    private static string FileSystemPath(PSCmdlet cmdlet, string parameter, string path, string allowed)
    {
        string? problem = null;
        var full = string.Empty;
        if (path.Any(c => c == '\0'))
        {
            problem = $"the path contains a NUL character. Allowed: {allowed}.";
        }
        else
        {
            try
            {
                full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                {
                    problem = $"'{path}' is a path of the {provider.Name} provider, not of the file system. Allowed: {allowed}.";
                }
            }
            catch (Exception ex) when (ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is PSArgumentException || ex is ArgumentException || ex is NotSupportedException || ex is PSInvalidOperationException)
            {
                problem = $"'{path}' is not a file-system path. Allowed: {allowed}.";
            }

            if (problem == null && full.Split('/', '\\').FirstOrDefault(n => n.Length > MaxNameLength) is string longName)
            {
                problem = $"a name in the path has {longName.Length} characters. Allowed: {allowed}, each name at most {MaxNameLength} characters.";
            }
        }

        if (problem != null)
        {
            cmdlet.ThrowTerminatingError(OktaErrorRecord.InvalidParameter(parameter, path.Replace("\0", "U+0000"), problem));
        }

        return full;
    }

    /// <summary>What kind of file a path names when it is not a regular one (a named pipe, a device, a socket), or null.</summary>
    private static string? NotRegular(PSCmdlet cmdlet, string full)
    {
        var target = Target(full);

        // On Unix the FileSystem provider reads the file's mode (stat); a pipe and an empty file look alike to .NET.
        var item = cmdlet.InvokeProvider.Item.Get(new[] { target }, force: true, literalPath: true).FirstOrDefault();
        var stat = item?.Properties["UnixStat"]?.Value;
        if (stat == null || PSObject.AsPSObject(stat).Properties["Mode"]?.Value is not object modeValue)
        {
            return null;
        }

        var type = Convert.ToInt32(modeValue, System.Globalization.CultureInfo.InvariantCulture) & 0xF000;
        return type switch
        {
            0x8000 => null,
            0x1000 => "a named pipe (FIFO)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
    }

    /// <summary>The file a link finally names (its target's target…), or <paramref name="full"/> itself.</summary>
    private static string Target(string full)
    {
        // File.ResolveLinkTarget exists from .NET 6; Windows PowerShell has no such links to follow here.
        var resolve = typeof(File).GetMethod("ResolveLinkTarget", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(bool) }, null);
        if (resolve == null)
        {
            return full;
        }

        try
        {
            return resolve.Invoke(null, new object[] { full, true }) is FileSystemInfo target ? target.FullName : full;
        }
        catch (TargetInvocationException)
        {
            return full; // a dangling or looping link: the checks that follow name it
        }
    }

    /// <summary>Why no file can be created beside <paramref name="full"/> (a read-only or virtual folder, /proc), or null.</summary>
    private static string? Unwritable(string full)
    {
        var probe = TemporaryBeside(full);
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return ex.Message.TrimEnd('.');
        }
        finally
        {
            try
            {
                if (File.Exists(probe))
                {
                    File.Delete(probe);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Nothing was written into it; a leftover empty probe file is harmless.
            }
        }
    }

    /// <summary>A new hidden file name in the folder of <paramref name="full"/>: the same file system, so the rename is atomic.</summary>
    private static string TemporaryBeside(string full) =>
        Path.Combine(Path.GetDirectoryName(full) ?? ".", ".oktaeventhooks-" + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
}
