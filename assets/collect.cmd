@echo off
rem Sach Ma Doc - thu thap du lieu cho can bo CNTT / collect captures for IT staff.
rem Plain cmd (no PowerShell, no execution policy). Run on the PC to check, or push it with your
rem tools; it writes one folder named after the computer and the date, ready for a USB stick or a
rem share. Read it with: sachmadoc scan --netstat FOLDER\netstat.txt --tasklist FOLDER\tasklist.csv ...
rem Usage: collect.cmd [DESTINATION]   (default: the folder this script is in)
setlocal EnableExtensions

set "DEST=%~1"
if "%DEST%"=="" set "DEST=%~dp0"

rem yyyymmdd-hhmm that does not depend on the regional date format: wmic where it still exists,
rem else the %DATE%/%TIME% text with separators made safe for a folder name.
set "STAMP="
for /f "tokens=2 delims==" %%a in ('wmic os get LocalDateTime /value 2^>nul ^| find "="') do set "LDT=%%a"
if defined LDT set "STAMP=%LDT:~0,8%-%LDT:~8,4%"
if not defined STAMP (
  set "STAMP=%DATE%-%TIME:~0,5%"
)
set "STAMP=%STAMP:/=-%"
set "STAMP=%STAMP:.=-%"
set "STAMP=%STAMP::=%"
set "STAMP=%STAMP: =0%"

set "OUT=%DEST%\%COMPUTERNAME%_%STAMP%"
mkdir "%OUT%" 2>nul
if not exist "%OUT%\" (
  echo Khong tao duoc thu muc / cannot create the folder: "%OUT%"
  exit /b 2
)

echo Dang thu thap / collecting into "%OUT%" ...
netstat -ano > "%OUT%\netstat.txt" 2>&1
tasklist /fo csv /nh > "%OUT%\tasklist.csv" 2>&1
tasklist /svc /fo csv /nh > "%OUT%\svc.csv" 2>&1
ipconfig /displaydns > "%OUT%\displaydns.txt" 2>&1
copy /y "%SystemRoot%\System32\drivers\etc\hosts" "%OUT%\hosts" >nul 2>&1
cscript //nologo "%SystemRoot%\System32\slmgr.vbs" /dli > "%OUT%\dli.txt" 2>&1
reg query HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall /s > "%OUT%\uninstall.txt" 2>&1
reg query HKLM\Software\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall /s >> "%OUT%\uninstall.txt" 2>nul
rem Program path, parent and command line of every process (sachmadoc scan --processes). Windows
rem PowerShell by full path with a fixed command (-Command runs no script file, so the execution
rem policy does not apply); run as administrator to see the paths of protected processes. When
rem PowerShell is missing or fails, no processes.csv is written and the rest is read as before.
set "SACHMADOC_PROCESSES=%OUT%\processes.csv"
if exist "%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe" "%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe" -NoLogo -NoProfile -NonInteractive -Command "Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,Name,ExecutablePath,CommandLine | Export-Csv -NoTypeInformation -Encoding UTF8 -LiteralPath $env:SACHMADOC_PROCESSES" >nul 2>&1
chcp > "%OUT%\codepage.txt" 2>&1
echo %COMPUTERNAME%> "%OUT%\computername.txt"

echo Xong / done: "%OUT%"
endlocal
exit /b 0
