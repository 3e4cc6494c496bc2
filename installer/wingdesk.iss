; Inno Setup 6 script: WingDesk for Windows 10/11 (x64), per-machine, fully offline.
;
;   python installer\build.py                                  (makes dist\wingdesk\)
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\wingdesk.iss
;                                                              (makes dist\WingDesk-Setup-0.1.0.exe)
;
; Install-time options (also for silent installs, e.g. /VERYSILENT /SUPPRESSMSGBOXES):
;   /DATADIR="D:\WingDesk data"   where the wing's data live (default %ProgramData%\WingDesk). Outside the program
;                                 folder on purpose: upgrades and uninstalls never touch the data.
;   /HQKEYS="E:\hq-keys.json"     headquarters' public key file, copied into the data folder as hq-keys.json
;                                 (for `wingdesk enrol --hq-keys ...`). Either can also be given in the wizard.
;   /WINGDESKUSERS="WING-PC\officers;PRISON\b-wing"
;                                 Windows accounts (or groups) added to the local group "WingDesk Users".
;
; The data folder's ACL (set at every install and upgrade, docs/security.md; issue 13 item 7): inheritance from the
; parent removed; Administrators (S-1-5-32-544) and SYSTEM (S-1-5-18) full control; the local group "WingDesk Users"
; (created here) modify; nobody else anything; the files already in it reset to inherit exactly that. Add the
; Windows account(s) the officers sign in to Windows with to "WingDesk Users" (/WINGDESKUSERS=, or later
; `net localgroup "WingDesk Users" ACCOUNT /add`): an account outside it cannot open the wing's files at all.
;
; The data-folder choice is written to {app}\wingdesk.ini (data_dir=...), which wingdesk/config/paths.py reads after
; --data and WINGDESK_HOME. Nothing here downloads anything or needs a network connection.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\wingdesk"
#endif

[Setup]
; Never change AppId: it is how an upgrade finds the installed copy.
AppId={{6C1B7D0E-3F4A-4E59-9B8D-2A7E5C1F9D43}
AppName=WingDesk
AppVersion={#AppVersion}
AppVerName=WingDesk {#AppVersion}
AppPublisher=WingDesk project
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\WingDesk
DefaultGroupName=WingDesk
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=WingDesk-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\wingdesk.exe
UninstallDisplayName=WingDesk
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
en.TaskDataDir=Choose where WingDesk keeps its data (default: %1)
en.TaskDesktop=Create a desktop shortcut
en.DataDirCaption=Data folder
en.DataDirDescription=Where should WingDesk keep the wing's encrypted database?
en.DataDirSub=Choose a folder outside the program folder, on a local disk that is backed up. Upgrades and uninstalling WingDesk leave this folder alone.
en.HqKeysCaption=Headquarters' public key
en.HqKeysDescription=Optional: the key file headquarters gave you (hq-keys.json).
en.HqKeysSub=It is copied into the data folder as hq-keys.json, ready for enrolment. Leave empty to add it later.
en.HqKeysPrompt=Key file:
en.HqKeysMissing=The key file %1 does not exist.
en.HqKeysTooBig=The file %1 is too large to be a headquarters key file.
en.DataDirInsideApp=The data folder must not be inside the program folder (%1): upgrades replace that folder.
en.ReadyData=Data folder:
en.ReadyHqKeys=Headquarters key file:
en.LaunchNow=Start WingDesk

[Tasks]
Name: "datadir"; Description: "{cm:TaskDataDir,{commonappdata}\WingDesk}"; Flags: unchecked
Name: "desktopicon"; Description: "{cm:TaskDesktop}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole runtime: no DLL, plugin or migration of the previous version may linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{code:HqKeysSource}"; DestDir: "{code:DataDir}"; DestName: "hq-keys.json"; \
    Flags: external ignoreversion uninsneveruninstall; Check: HasHqKeys

[Dirs]
; Never uninstalled. Its ACL (administrators + "WingDesk Users" only) is set in CurStepChanged below.
Name: "{code:DataDir}"; Flags: uninsneveruninstall

[Icons]
Name: "{autoprograms}\WingDesk"; Filename: "{app}\wingdesk.exe"; WorkingDir: "{code:DataDir}"
Name: "{autodesktop}\WingDesk"; Filename: "{app}\wingdesk.exe"; WorkingDir: "{code:DataDir}"; Tasks: desktopicon

[Run]
Filename: "{app}\wingdesk.exe"; Description: "{cm:LaunchNow}"; Flags: postinstall nowait skipifsilent unchecked runasoriginaluser

[UninstallDelete]
Type: files; Name: "{app}\wingdesk.ini"

[Code]
var
  DataDirPage: TInputDirWizardPage;
  HqKeysPage: TInputFileWizardPage;

function DefaultDataDir(): String;
begin
  Result := ExpandConstant('{commonappdata}\WingDesk');
end;

function ParamDataDir(): String;
begin
  Result := Trim(ExpandConstant('{param:DATADIR|}'));
end;

function ParamHqKeys(): String;
begin
  Result := Trim(ExpandConstant('{param:HQKEYS|}'));
  if Result <> '' then
    Result := ExpandFileName(Result);
end;

procedure InitializeWizard();
var
  Previous: String;
begin
  { The data folder: /DATADIR=, else the choice of the previous installation, else %ProgramData%\WingDesk. }
  Previous := GetPreviousData('DataDir', '');
  DataDirPage := CreateInputDirPage(wpSelectTasks, CustomMessage('DataDirCaption'),
    CustomMessage('DataDirDescription'), CustomMessage('DataDirSub'), False, '');
  DataDirPage.Add('');
  if ParamDataDir() <> '' then
    DataDirPage.Values[0] := ParamDataDir()
  else if Previous <> '' then
    DataDirPage.Values[0] := Previous
  else
    DataDirPage.Values[0] := DefaultDataDir();

  HqKeysPage := CreateInputFilePage(DataDirPage.ID, CustomMessage('HqKeysCaption'),
    CustomMessage('HqKeysDescription'), CustomMessage('HqKeysSub'));
  HqKeysPage.Add(CustomMessage('HqKeysPrompt'), 'HQ key files (*.json)|*.json|All files|*.*', '.json');
  HqKeysPage.Values[0] := ParamHqKeys();
end;

function DataDir(Param: String): String;
begin
  { Only a task-chosen (or /DATADIR-given, or previously chosen) folder counts; otherwise the default. }
  if WizardIsTaskSelected('datadir') or (ParamDataDir() <> '') or (GetPreviousData('DataDir', '') <> '') then
    Result := RemoveBackslashUnlessRoot(Trim(DataDirPage.Values[0]))
  else
    Result := DefaultDataDir();
  if Result = '' then
    Result := DefaultDataDir();
end;

function HqKeysSource(Param: String): String;
begin
  Result := Trim(HqKeysPage.Values[0]);
end;

function HasHqKeys(): Boolean;
begin
  Result := HqKeysSource('') <> '';
end;

function ShouldSkipPage(PageID: Integer): Boolean;
begin
  Result := False;
  if PageID = DataDirPage.ID then
    Result := not WizardIsTaskSelected('datadir');
  if PageID = HqKeysPage.ID then
    Result := ParamHqKeys() <> '';
end;

function IsInside(const Child, Parent: String): Boolean;
var
  C, P: String;
begin
  C := Lowercase(AddBackslash(ExpandFileName(Child)));
  P := Lowercase(AddBackslash(ExpandFileName(Parent)));
  Result := Copy(C, 1, Length(P)) = P;
end;

function CheckHqKeys(): Boolean;
var
  Size: Integer;
begin
  Result := True;
  if not HasHqKeys() then
    Exit;
  if not FileExists(HqKeysSource('')) then begin
    SuppressibleMsgBox(FmtMessage(CustomMessage('HqKeysMissing'), [HqKeysSource('')]), mbError, MB_OK, IDOK);
    Result := False;
  end else if FileSize(HqKeysSource(''), Size) and (Size > 1048576) then begin
    SuppressibleMsgBox(FmtMessage(CustomMessage('HqKeysTooBig'), [HqKeysSource('')]), mbError, MB_OK, IDOK);
    Result := False;
  end;
end;

function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = wpReady) or ((DataDirPage <> nil) and (CurPageID = DataDirPage.ID)) then
    if IsInside(DataDir(''), WizardDirValue()) then begin
      SuppressibleMsgBox(FmtMessage(CustomMessage('DataDirInsideApp'), [WizardDirValue()]), mbError, MB_OK, IDOK);
      Result := False;
      Exit;
    end;
  if (CurPageID = wpReady) or ((HqKeysPage <> nil) and (CurPageID = HqKeysPage.ID)) then
    Result := CheckHqKeys();
end;

function UpdateReadyMemo(Space, NewLine, MemoUserInfoInfo, MemoDirInfo, MemoTypeInfo, MemoComponentsInfo,
  MemoGroupInfo, MemoTasksInfo: String): String;
begin
  Result := MemoDirInfo + NewLine + NewLine + CustomMessage('ReadyData') + NewLine + Space + DataDir('');
  if HasHqKeys() then
    Result := Result + NewLine + NewLine + CustomMessage('ReadyHqKeys') + NewLine + Space + HqKeysSource('');
  if MemoTasksInfo <> '' then
    Result := Result + NewLine + NewLine + MemoTasksInfo;
end;

procedure RegisterPreviousData(PreviousDataKey: Integer);
begin
  if WizardIsTaskSelected('datadir') or (ParamDataDir() <> '') or (GetPreviousData('DataDir', '') <> '') then
    SetPreviousData(PreviousDataKey, 'DataDir', DataDir(''));
end;

const
  UsersGroup = 'WingDesk Users';

function RunHidden(const Exe, Params: String): Integer;
var
  Code: Integer;
begin
  if not Exec(ExpandConstant('{sys}\') + Exe, Params, '', SW_HIDE, ewWaitUntilTerminated, Code) then
    Code := -1;
  Log(Exe + ' ' + Params + ' -> ' + IntToStr(Code));
  Result := Code;
end;

procedure AddGroupMembers();
var
  Members: String;
  Member: String;
  Cut: Integer;
begin
  Members := Trim(ExpandConstant('{param:WINGDESKUSERS|}')) + ';';
  while Members <> '' do begin
    Cut := Pos(';', Members);
    Member := Trim(Copy(Members, 1, Cut - 1));
    Delete(Members, 1, Cut);
    if Member <> '' then
      RunHidden('net.exe', 'localgroup "' + UsersGroup + '" "' + Member + '" /add');  { 2: already a member }
  end;
end;

procedure SecureDataDir();
var
  Folder: String;
begin
  Folder := DataDir('');
  { 0: created; 2: the group exists already (an upgrade) }
  RunHidden('net.exe', 'localgroup "' + UsersGroup + '" /add /comment:"May open the WingDesk data folder"');
  AddGroupMembers();
  { SIDs, not names: the built-in groups are named in the language of Windows (Administratori, ...). }
  if RunHidden('icacls.exe', '"' + Folder + '" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F ' +
      '*S-1-5-18:(OI)(CI)F "' + UsersGroup + '":(OI)(CI)M') <> 0 then
    SuppressibleMsgBox('Could not restrict access to the data folder ' + Folder + '. Set its permissions by hand: ' +
      'Administrators and "' + UsersGroup + '" only.', mbError, MB_OK, IDOK)
  else
    RunHidden('icacls.exe', '"' + AddBackslash(Folder) + '*" /reset /T /C /Q');  { existing files inherit it }
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Lines: TArrayOfString;
begin
  if CurStep = ssPostInstall then begin
    SecureDataDir();
    SetArrayLength(Lines, 3);
    Lines[0] := '; Written by the WingDesk installer: where this machine keeps the wing''s data.';
    Lines[1] := '[WingDesk]';
    Lines[2] := 'data_dir=' + DataDir('');
    if not SaveStringsToUTF8File(ExpandConstant('{app}\wingdesk.ini'), Lines, False) then
      Log('Could not write ' + ExpandConstant('{app}\wingdesk.ini'));
  end;
end;
