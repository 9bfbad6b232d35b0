from email import message_from_bytes

from django.core.mail import EmailMessage

from hub.mail import EmlFileBackend


def test_each_message_is_an_eml_file_a_mail_program_opens(tmp_path):
    backend = EmlFileBackend(file_path=tmp_path)
    messages = [
        EmailMessage("Your idea QI-7K4M-2Q: received", "Thank you.", to=["sam@example.org"]),
        EmailMessage("Huddle digest", "Three new ideas.", to=["huddle@example.org"]),
    ]
    assert backend.send_messages(messages) == 2
    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 2
    assert any("your-idea-qi-7k4m-2q-received" in f.name for f in files)
    parsed = [message_from_bytes(f.read_bytes()) for f in files]
    assert {m["To"] for m in parsed} == {"sam@example.org", "huddle@example.org"}
    assert any(m.get_payload(decode=True) == b"Thank you." for m in parsed)


def test_no_messages_no_files(tmp_path):
    assert EmlFileBackend(file_path=tmp_path / "mail").send_messages([]) == 0
    assert not (tmp_path / "mail").exists()
