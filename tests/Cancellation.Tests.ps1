# Ctrl+C and stops: nothing blocks where Ctrl+C cannot reach it, and a stopped operation tells the state it left.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
}
AfterAll { Stop-TestSandbox }

Describe 'State left by a multi-step operation that stops early' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:hook = New-TestHook -Name 'Half done'
        Clear-SandboxRequestLog
    }

    It 'tells that the hook is now INACTIVE when the delete after -Force''s deactivation fails' {
        Add-SandboxFault @{ mode = 'status'; status = 500; count = 10; method = 'DELETE' }
        Remove-OktaEventHook -Id $hook.Id -Force -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].Exception.Message | Should -Match 'was deactivated and is now INACTIVE'
        $failure[0].Exception.Message | Should -Match 'not deleted'
        (Get-OktaEventHook -Id $hook.Id).Status | Should -Be 'INACTIVE'
    }

    It 'tells the state when Ctrl+C stops Remove -Force during its delete' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 30; count = 1; method = 'DELETE' }
        $text = Stop-WhileHeld 'DELETE' "Remove-OktaEventHook -Id $($hook.Id) -Force -Confirm:`$false"
        $text | Should -Match 'STOPPED'
        $text | Should -Match 'Stopped: The event hook Half done .* was deactivated and is now INACTIVE'
    }

    It 'tells the state when Ctrl+C stops New while its create is in flight' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 30; count = 1; method = 'POST' }
        $text = Stop-WhileHeld 'POST' "New-OktaEventHook -Name 'In flight' -Uri '$(Get-ReceiverUri ok inflight)' -EventType user.lifecycle.create"
        $text | Should -Match "Stopped: The create of 'In flight' may or may not have reached Okta"
    }
}

Describe 'Nothing CPU-bound or blocking that Ctrl+C cannot stop' {
    It 'answers a million-character event type name at once' {
        { Get-OktaEventType -Name ('q' * 1000000) } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        Get-OktaEventType -Name ('q' * 200) -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'EventTypeNotFound,*'
    }

    It 'refuses 10,000-character event types at the parameter' {
        { New-OktaEventHook -Name 'Long' -Uri (Get-ReceiverUri ok) -EventType (1..300 | ForEach-Object { 'x' * 10000 }) -WhatIf } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'refuses a named pipe given to -Path and -PrivateKeyPath instead of waiting on it' -Skip:($IsWindows) {
        $fifo = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-fifo-$([guid]::NewGuid().ToString('N'))"
        & mkfifo $fifo
        try {
            Connect-TestSandbox
            (Get-TerminatingError { Import-OktaEventHook -Path $fifo }).FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Path,*'
            (Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaFifo' -PrivateKeyPath $fifo }).FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.PrivateKeyPath,*'
        }
        finally { Remove-Item -LiteralPath $fifo -Force }
    }
}
