#!/usr/bin/env python3
"""Generates samples/articles.jsonl: a realistic, deterministic scrape (run once; the output is committed).

    python3 samples/generate_articles.py > samples/articles.jsonl
"""
import json
import random
import re
import unicodedata

rng = random.Random(20240501)

AUTHORS = [
    "Jane Doe", "Marcus Whitfield", "Zoë O'Brien", "José Álvarez", "Łukasz Nowak", "Søren Lindqvist",
    "François Lefèvre", "Ingrid Müller", "Ólafur Árnason", "Priya Raghunathan", "Chen Wei", "李明",
    "Amara Okafor", "Dmitri Volkov", "Hannah Abernathy", "Kenji Watanabe", "Fatima Zahra Benali",
    "Tomás Ó Súilleabháin", "Björn Ekström", "Renée Gauthier", "Samuel Ochieng", "Elena Petrović",
    "Gabriel Costa", "Aisha Rahman", "Oliver Hartley", "Mireille N'Diaye", "Rafael Domínguez",
    "Yuki Tanaka", "Noah Feldman", "Catalina Herrera", "Ayşe Yılmaz", "Thabo Mokoena",
    "Margaux Dubois", "Ewan McAllister", "Нина Смирнова", "Leilani Kahale",
]
TOPICS = [
    ("city council", "budget"), ("water utility", "rate increase"), ("school board", "curriculum"),
    ("regional hospital", "staffing"), ("port authority", "expansion"), ("transit agency", "fare policy"),
    ("housing authority", "waiting list"), ("state legislature", "election law"), ("police department", "body cameras"),
    ("university", "tuition"), ("energy company", "pipeline"), ("county sheriff", "jail conditions"),
    ("planning commission", "rezoning"), ("environmental agency", "river pollution"), ("tech startup", "data breach"),
]
SECTIONS = ["politics", "local", "business", "health", "education", "environment", "investigations", "technology"]
SENTENCES = [
    "Officials declined to say when the decision was first discussed.",
    "Records obtained by this newspaper show the figures were revised twice before publication.",
    "Several residents who spoke at the meeting said they had not been told about the change.",
    "A spokesperson said the agency would review the findings and respond in writing.",
    "The proposal passed by a narrow margin after more than three hours of public comment.",
    "Critics argue that the numbers do not add up, pointing to a gap of several million dollars.",
    "Internal emails describe a rushed process and repeated warnings that went unanswered.",
    "Experts interviewed for this story said the approach is unusual but not unprecedented.",
    "The contract, signed in March, was never put out for competitive bidding.",
    "Supporters say the plan will save money over the long run and improve service.",
    "An independent audit is expected to be completed before the end of the year.",
    "None of the board members contacted on Tuesday agreed to comment on the record.",
    "Data from the past five years show a steady decline that accelerated last spring.",
    "The organization has faced similar questions before, according to court filings.",
    "Neighbors described a pattern of complaints dating back at least a decade.",
]


def paragraph():
    return " ".join(rng.sample(SENTENCES, rng.randint(3, 5)))


def slug(text):
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def author_slug(name):
    """The same slug as dev.forensics.store.author.AuthorSlug.of, so given and derived slugs agree."""
    ascii_ = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.category(c).startswith("M"))
    return re.sub(r"(^-+)|(-+$)", "", re.sub(r"[^a-z0-9]+", "-", ascii_.lower()))


def main():
    seen = set()
    for n in range(1, 341):
        author = rng.choice(AUTHORS)
        institution, issue = rng.choice(TOPICS)
        title = f"{institution.capitalize()} {rng.choice(['faces questions over', 'quietly changes', 'defends', 'reverses course on', 'under scrutiny for'])} {issue}"
        section = rng.choice(SECTIONS)
        url = f"https://news.example.org/{section}/2024/{rng.randint(1, 12):02d}/{slug(title)}-{n}"
        if url in seen:
            continue
        seen.add(url)
        day = rng.randint(1, 28)
        record = {
            "url": url,
            "title": title,
            "author": author,
            "published_at": f"2024-{rng.randint(1, 12):02d}-{day:02d}T{rng.randint(6, 21):02d}:{rng.randint(0, 59):02d}:00Z",
            "body": "\n\n".join(paragraph() for _ in range(rng.randint(3, 6))),
        }
        if rng.random() < 0.6 and author_slug(author):
            record["author_slug"] = author_slug(author)
        if rng.random() < 0.1:
            record["section"] = section  # an unknown field: ingest ignores it
        if rng.random() < 0.05:
            del record["published_at"]
        print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main()
