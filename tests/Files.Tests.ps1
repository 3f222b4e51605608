# Files the user names: an import file read in exactly the shape Export writes, an export that never destroys the
# previous one, and paths that are pipes, devices, links or not on the file system refused before anything waits on them.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
    $script:folder = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-files-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory -Path $folder

    # Runs $Command (text) in a fresh runspace connected to the sandbox and waits at most $Seconds. A command that is
    # still waiting then is reported as hung; $Release (a FIFO path) is then opened read-write, which lets a blocked
    # open() of it return, so that nothing is left waiting after the test.
    function Invoke-Bounded([string] $Command, [int] $Seconds = 20, [string] $Release) {
        $shell = [powershell]::Create()
        $module = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
        $null = $shell.AddScript("Import-Module '$module'; Connect-OktaOrg -OrgUrl '$env:OKTAEH_SANDBOX_URL' -ApiToken (ConvertTo-SecureString '$env:OKTAEH_SANDBOX_TOKEN' -AsPlainText -Force); try { $Command } catch { `$_ }")
        $async = $shell.BeginInvoke()
        $finished = $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($Seconds))
        if (-not $finished -and $Release) {
            $stream = [IO.File]::Open($Release, 'Open', 'ReadWrite'); $stream.Dispose()
            $null = $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(10))
        }
        $output = if ($finished) { @($shell.EndInvoke($async)) + @($shell.Streams.Error) } else { $shell.Stop(); @() }
        $shell.Dispose()
        [pscustomobject]@{ Hung = -not $finished; Output = $output }
    }
}
AfterAll {
    Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
    Stop-TestSandbox
}

Describe 'An import file in another shape than Export writes' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:hook = New-TestHook -Name 'Shaped' -Secret 'Bearer keep-me-123' -Header @{ 'X-Tenant' = 'blue' }
        $script:file = Join-Path $folder 'shaped.json'
        Export-OktaEventHook -Path $file
        Clear-SandboxRequestLog
    }

    It 'stops with InvalidEventHookFile and changes nothing when <Case>' -TestCases @(
        @{ Case = 'authScheme is text'; Edit = { param($d) $d.eventHooks[0].channel.config.authScheme = 'HEADER X-Secret' }; Field = 'channel.config.authScheme' }
        @{ Case = 'a field name differs in case'; Rewrite = { param($t) $t -creplace '"authScheme"', '"authscheme"' }; Field = 'channel.config.authscheme' }
        @{ Case = 'headers is an object'; Edit = { param($d) $d.eventHooks[0].channel.config.headers = [pscustomobject]@{ 'X-Tenant' = 'blue' } }; Field = 'channel.config.headers' }
        @{ Case = 'an event type is a number'; Edit = { param($d) $d.eventHooks[0].events.items = @(5) }; Field = 'events.items\[0\]' }
    ) {
        $json = Get-Content -LiteralPath $file -Raw
        if ($Edit) { $document = $json | ConvertFrom-Json; & $Edit $document; $json = $document | ConvertTo-Json -Depth 20 }
        if ($Rewrite) { $json = & $Rewrite $json }
        Set-Content -LiteralPath $file -Value $json
        $failure = Get-TerminatingError { Import-OktaEventHook -Path $file -AuthHeaderValue @{ 'Shaped' = (Secret 'Bearer keep-me-123') } -Confirm:$false }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidEventHookFile,*'
        $failure.Exception.Message | Should -Match $Field
        $failure.Exception.Message | Should -Match 'Nothing was changed'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        $stored = Get-SandboxStoredHook $hook.Id
        $stored.channel.config.authScheme.key | Should -Be 'Authorization'
        $stored.channel.config.headers[0].key | Should -Be 'X-Tenant'
    }

    It 'still imports the file as Export wrote it' {
        $document = Get-Content -LiteralPath $file -Raw | ConvertFrom-Json
        $document.eventHooks[0] | Add-Member -NotePropertyName description -NotePropertyValue 'changed' -Force
        $document | ConvertTo-Json -Depth 20 | Set-Content -LiteralPath $file
        $result = Import-OktaEventHook -Path $file -AuthHeaderValue @{ 'Shaped' = (Secret 'Bearer keep-me-123') } -Confirm:$false
        $result.Result | Should -Be 'Done'
        (Get-SandboxStoredHook $hook.Id).description | Should -Be 'changed'
    }
}

Describe 'An export that cannot be written whole' {
    BeforeAll {
        # An 8 KB file system of its own: room for a small export, not for a large one. Mounting needs root.
        $script:tiny = Join-Path $folder 'tiny'
        $null = New-Item -ItemType Directory -Path $tiny
        $script:mounted = $IsLinux -and ((& id -u) -eq '0') -and $(& mount -t tmpfs -o size=8k tmpfs $tiny 2>$null; $LASTEXITCODE -eq 0)
    }
    AfterAll { if ($mounted) { & umount $tiny } }

    It 'keeps the previous export when the disk fills up, and says so' {
        if (-not $mounted) { Set-ItResult -Skipped -Because 'a small tmpfs can only be mounted as root on Linux' }
        Reset-TestSandbox
        Connect-TestSandbox
        $null = New-TestHook -Name 'First'
        $path = Join-Path $tiny 'hooks.json'
        Export-OktaEventHook -Path $path
        $before = Get-Content -LiteralPath $path -Raw
        1..20 | ForEach-Object { $null = New-TestHook -Name ("Hook {0:00} {1}" -f $_, ('x' * 100)) -EventType user.lifecycle.create, user.lifecycle.delete.initiated, group.user_membership.add }
        Export-OktaEventHook -Path $path -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'EventHookExportFailed,*'
        $failure[0].Exception.Message | Should -Match 'previous file there is unchanged'
        Get-Content -LiteralPath $path -Raw | Should -BeExactly $before
        @(Get-ChildItem -LiteralPath $tiny -Force).Name | Should -Be @('hooks.json')
    }
}

Describe 'Paths that are not regular files of the file system' -Skip:($IsWindows) {
    BeforeAll {
        $script:fifo = Join-Path $folder 'fifo'
        & mkfifo $fifo
        $script:link = Join-Path $folder 'link-to-fifo'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $fifo
    }
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox; $null = New-TestHook -Name 'One'; Clear-SandboxRequestLog }

    It 'refuses <Command> on <Case> at once, naming the parameter' -TestCases @(
        @{ Case = 'a FIFO'; Command = 'Export-OktaEventHook -Path $fifo'; Parameter = 'Path' }
        @{ Case = 'a link to a FIFO'; Command = 'Export-OktaEventHook -Path $link'; Parameter = 'Path' }
        @{ Case = 'a link to a FIFO'; Command = 'Import-OktaEventHook -Path $link'; Parameter = 'Path' }
        @{ Case = 'a link to a FIFO'; Command = 'Connect-OktaOrg -OrgUrl $env:OKTAEH_SANDBOX_URL -ClientId 0oaFifo -PrivateKeyPath $link'; Parameter = 'PrivateKeyPath' }
    ) {
        $run = Invoke-Bounded ("`$fifo = '$fifo'; `$link = '$link'; " + $Command) -Release $fifo
        $run.Hung | Should -BeFalse -Because "$Command must not wait on the pipe"
        $errors = @($run.Output | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
        $errors[0].FullyQualifiedErrorId | Should -BeLike "InvalidParameter.$Parameter,*"
        $errors[0].Exception.Message | Should -Match 'named pipe'
    }

    It 'refuses Export -Path <Path> with a named error before reading any hook' -TestCases @(
        @{ Path = '/dev/full' }
        @{ Path = '/proc/version' }
        @{ Path = "./a`0b.json" }
        @{ Path = ('./' + ('n' * 300) + '.json') }
        @{ Path = 'Env:/OKTAEH_EXPORT' }
        @{ Path = 'Variable:/oktaehExport' }
        @{ Path = 'Function:/oktaehExport' }
    ) {
        Push-Location $folder
        try {
            $before = @(Get-ChildItem -LiteralPath $folder -Force).Name
            $failure = Get-TerminatingError { Export-OktaEventHook -Path $Path }
            $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Path,*'
            $failure.Exception.Message | Should -Not -MatchExactly 'System\.[A-Z]|Exception'
            @(Get-ChildItem -LiteralPath $folder -Force | Where-Object Name -notin $before) | Should -BeNullOrEmpty
        }
        finally { Pop-Location }
        Get-SandboxRequestLog | Should -BeNullOrEmpty
        Test-Path Env:/OKTAEH_EXPORT | Should -BeFalse
    }
}
