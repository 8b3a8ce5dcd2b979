"""Write the help-centre texts of module 16 under ``src/curriculum/data/``.

Four small CSV files about an imaginary online shop:

- ``faq.csv`` (``faq_id,question,answer``): one frequently asked question per topic, with the
  answer the shop gives, then three other phrasings of it that the help desk has collected (same
  ``faq_id``, same answer);
- ``faq_questions.csv`` (``question,faq_id``): questions customers typed, worded differently from
  the FAQ; ``faq_id`` is the entry that answers it, or ``-1`` when the FAQ has no answer (the
  question is about something else);
- ``help_articles.csv`` (``doc_id,topic,text``): short help-centre articles, several per topic,
  assembled from the topic's words and a few sentence frames with a fixed seed;
- ``help_queries.csv`` (``query,relevant``): search-box queries and the space-separated ids of
  the articles that answer them (every article of the query's topic).

Everything is written out below or drawn with a fixed seed, so the files are the same bytes on
every machine. Run from the repository root:

    .venv/bin/python scripts/make_faq_corpus.py
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

SEED = 16
OUT = Path(__file__).resolve().parents[1] / "src" / "curriculum" / "data"

# (topic, FAQ question, FAQ answer, words an article on it uses, new customer questions,
#  searches, other phrasings of the FAQ question that the help desk has already collected)
TOPICS: list[tuple[str, str, str, list[str], list[str], list[str], list[str]]] = [
    (
        "tracking",
        "How can I track my parcel?",
        "Open Orders in your account and press Track: the courier's tracking number and the "
        "latest status of the parcel are shown there.",
        ["tracking", "parcel", "courier", "status", "number", "shipped", "track", "link"],
        [
            "where is my package right now",
            "is there a tracking number for my parcel",
            "can I see which courier has my delivery and its status",
        ],
        ["track parcel", "courier tracking number"],
        [
            "where is my order",
            "what is the tracking number of my package",
            "how do I see the delivery status",
        ],
    ),
    (
        "late",
        "My delivery is late. What should I do?",
        "Most parcels arrive within five working days. If yours is later than that, tell us the "
        "order number and we will chase the courier or send a new one.",
        ["late", "delayed", "delivery", "arrived", "working", "days", "waiting", "courier"],
        [
            "my order still has not arrived after a week",
            "the delivery is delayed, how long should I wait",
            "it has been ten days and nothing came",
        ],
        ["delivery late", "parcel delayed not arrived"],
        [
            "my parcel has not arrived yet",
            "how long does delivery take",
            "the order is late and I am still waiting",
        ],
    ),
    (
        "returns",
        "How do I return an item?",
        "You can send anything back within 30 days. Print the free returns label from your "
        "account, pack the item and drop it at any post office.",
        ["return", "returns", "label", "send", "back", "unwanted", "post", "office"],
        [
            "I want to send back a jumper that does not fit",
            "how can I get a returns label",
            "is it free to return something I do not want",
        ],
        ["return item label", "send back unwanted"],
        [
            "can I send something back",
            "the size does not fit, can I return it",
            "do I pay for the returns label",
        ],
    ),
    (
        "refund",
        "When will I get my refund?",
        "Refunds go back to the card you paid with within five days of the return reaching our "
        "warehouse; your bank may take a few more days to show it.",
        ["refund", "money", "card", "bank", "processed", "warehouse", "credited", "days"],
        [
            "when does the money come back to my card",
            "my refund has not shown up in my bank account",
            "how long does a refund take to be processed",
        ],
        ["refund money card", "refund processed bank"],
        [
            "how long until my money is refunded",
            "I returned an item but have no refund",
            "when is the refund paid back to my bank",
        ],
    ),
    (
        "address",
        "Can I change the delivery address of an order?",
        "Yes, until the order is packed: open the order, choose Edit address and save. After "
        "dispatch the courier can redirect the parcel for a small fee.",
        ["address", "change", "edit", "delivery", "redirect", "wrong", "street", "postcode"],
        [
            "I typed the wrong postcode on my order",
            "can the parcel go to my work address instead",
            "how do I edit the street on an order I placed",
        ],
        ["change delivery address", "wrong postcode address"],
        [
            "I entered the wrong address",
            "can I send the parcel to a different address",
            "how do I update the postcode on my order",
        ],
    ),
    (
        "cancel",
        "How do I cancel an order?",
        "Orders can be cancelled from your account until they are dispatched, and you are not "
        "charged. Once dispatched, refuse the parcel or return it instead.",
        ["cancel", "cancelled", "order", "dispatched", "charged", "mistake", "placed", "stop"],
        [
            "I ordered by mistake, can I stop it",
            "is it possible to cancel before it ships",
            "I want to cancel what I just bought",
        ],
        ["cancel order", "order placed by mistake"],
        [
            "can I cancel an order I placed by mistake",
            "I want to stop my order before it is dispatched",
            "how do I cancel something I bought",
        ],
    ),
    (
        "payment",
        "Which payment methods do you accept?",
        "We accept debit and credit cards, PayPal and gift cards. Cash on delivery is not "
        "available.",
        ["payment", "pay", "paypal", "methods", "credit", "debit", "accepted", "cash"],
        [
            "can I pay with paypal",
            "do you take cash on delivery",
            "what ways can I pay for my order",
        ],
        ["payment methods accepted", "pay with paypal"],
        [
            "do you accept paypal",
            "can I pay cash",
            "what cards can I pay with",
        ],
    ),
    (
        "declined",
        "Why was my card payment declined?",
        "A declined card is usually a typo in the card details, a billing address that does not "
        "match, or a limit set by your bank. Check the details or call your bank.",
        ["declined", "failed", "card", "billing", "details", "limit", "bank", "rejected"],
        [
            "my card keeps getting rejected at checkout",
            "the payment failed but I have money in my account",
            "why does it say my card was declined",
        ],
        ["card declined", "payment failed rejected"],
        [
            "my payment was rejected",
            "the card payment failed at checkout",
            "why was my card refused",
        ],
    ),
    (
        "password",
        "I forgot my password. How do I reset it?",
        "Press Forgot password on the sign-in page and we will email you a reset link that works "
        "for one hour.",
        ["password", "reset", "forgot", "sign", "login", "email", "link", "locked"],
        [
            "I cannot log in to my account",
            "the reset link in the email does not work",
            "how do I get a new password",
        ],
        ["reset password", "forgot login password"],
        [
            "I cannot sign in to my account",
            "the password reset email never came",
            "how do I change my login password",
        ],
    ),
    (
        "delete",
        "How do I delete my account?",
        "Write to us from the email address on the account and we will close it and erase your "
        "personal data within 30 days, except what the law says we must keep.",
        ["delete", "account", "close", "erase", "personal", "data", "privacy", "remove"],
        [
            "please remove all my personal data",
            "I want to close my account for good",
            "how can I erase my profile and data",
        ],
        ["delete account", "erase personal data"],
        [
            "how do I close my account",
            "please erase my personal data",
            "can I remove my profile",
        ],
    ),
    (
        "damaged",
        "My item arrived damaged. What now?",
        "Sorry about that. Send us a photo of the damage within 14 days and choose a replacement "
        "or a full refund; you do not need to pay for the return.",
        ["damaged", "broken", "cracked", "photo", "replacement", "faulty", "arrived", "smashed"],
        [
            "the mug was broken when it came",
            "my lamp arrived cracked, can I get a replacement",
            "the box was smashed and the item is damaged",
        ],
        ["item arrived damaged", "broken replacement"],
        [
            "the item came broken",
            "what if my order is damaged",
            "the parcel was cracked when it arrived",
        ],
    ),
    (
        "discount",
        "How do I use a discount code?",
        "Type the code in the Discount box at checkout and press Apply. Only one code can be "
        "used per order, and codes cannot be added after paying.",
        ["discount", "code", "voucher", "promo", "apply", "checkout", "coupon", "box"],
        [
            "where do I enter a promo code",
            "my voucher does not work at checkout",
            "can I use two coupons on one order",
        ],
        ["discount code", "promo voucher checkout"],
        [
            "where do I type a voucher code",
            "my promo code is not working",
            "can I use more than one discount code",
        ],
    ),
    (
        "abroad",
        "Do you ship abroad?",
        "We deliver to most countries in Europe and North America. Customs duties and import "
        "taxes are charged by the destination country when the parcel arrives.",
        ["abroad", "international", "country", "countries", "customs", "duties", "overseas"],
        [
            "do you deliver to canada",
            "will I pay customs duties on an overseas order",
            "can you send my order to another country",
        ],
        ["international shipping abroad", "customs duties"],
        [
            "do you deliver to other countries",
            "will I pay customs on international orders",
            "can you ship overseas",
        ],
    ),
    (
        "gift",
        "Can I send an order as a gift?",
        "Tick This is a gift at checkout: we wrap it, add your message on a card and leave the "
        "prices off the packing slip.",
        ["gift", "wrap", "wrapping", "message", "present", "card", "prices", "slip"],
        [
            "can you wrap a present for my sister",
            "I want to add a message to a birthday gift",
            "will the price be shown on the packing slip",
        ],
        ["gift wrap", "gift message present"],
        [
            "can you gift wrap my order",
            "how do I add a gift message",
            "can the prices be hidden for a present",
        ],
    ),
    (
        "invoice",
        "Where can I find my invoice?",
        "Every order has a VAT invoice: open the order in your account and press Download "
        "invoice. Business customers can add a company name before paying.",
        ["invoice", "vat", "receipt", "download", "company", "business", "copy", "pdf"],
        [
            "I need a receipt for my expenses",
            "how do I download a vat invoice",
            "can I get a copy of the invoice with my company name",
        ],
        ["download invoice", "vat receipt"],
        [
            "can I get a receipt",
            "how do I download my invoice",
            "I need a vat invoice for my business",
        ],
    ),
    (
        "newsletter",
        "How do I stop your marketing emails?",
        "Use the Unsubscribe link at the bottom of any newsletter, or turn marketing emails off "
        "under Preferences in your account.",
        ["newsletter", "unsubscribe", "marketing", "emails", "preferences", "spam", "inbox"],
        [
            "you send me too many emails",
            "how can I unsubscribe from the newsletter",
            "I keep getting marketing messages in my inbox",
        ],
        ["unsubscribe newsletter", "stop marketing emails"],
        [
            "how do I unsubscribe from emails",
            "stop sending me newsletters",
            "I get too many marketing emails",
        ],
    ),
    (
        "stock",
        "An item is sold out. Will it come back?",
        "Most sold-out items are restocked within a few weeks. Press Notify me on the product "
        "page and we will email you as soon as it is back in stock.",
        ["stock", "sold", "restock", "restocked", "notify", "available", "product", "size"],
        [
            "when will the blue size medium be available again",
            "can you tell me when this is back in stock",
            "the shoes I want are sold out",
        ],
        ["back in stock", "sold out restock"],
        [
            "when will this be back in stock",
            "the item I want is sold out",
            "can you notify me when my size is available",
        ],
    ),
    (
        "warranty",
        "Is there a warranty on electrical items?",
        "Electrical items carry a two-year warranty. If one stops working, contact us with the "
        "order number and we will arrange a repair or a replacement.",
        ["warranty", "guarantee", "repair", "electrical", "years", "stopped", "working"],
        [
            "my kettle stopped working after eight months",
            "how long is the guarantee on a hairdryer",
            "will you repair a toaster that broke last year",
        ],
        ["warranty repair", "electrical guarantee"],
        [
            "my toaster stopped working",
            "how long is the guarantee",
            "can you repair a broken kettle",
        ],
    ),
]

# Questions the FAQ cannot answer: about other things, sometimes with a shop word in them.
OUT_OF_SCOPE = [
    "what is the weather like tomorrow",
    "who won the football last night",
    "can you recommend a good recipe for pancakes",
    "what time does the cinema open",
    "how tall is the eiffel tower",
    "tell me a joke",
    "what is the capital of australia",
    "how do I fix my bike chain",
    "are you a human or a robot",
    "which film should I watch tonight",
    "how many calories are in a banana",
    "what is your favourite colour",
    "do you sell tickets for the concert",
    "can I bring my dog to your office",
    "how do I learn to play the guitar",
    "what is the best phone to buy this year",
    "is it going to rain at the weekend",
    "how do I cook rice",
    "what are your thoughts on politics",
    "can you help with my maths homework",
    "where can I park my car near the station",
    "how old is the universe",
    "can I book a table for dinner",
    "what should I name my cat",
    "can I order a pizza from you",
    "how do I reset my wifi router",
    "can I pay my electricity bill here",
    "what is the phone number of your company",
    "is the post office open on sunday",
    "my car has a broken window",
    "how do I send a letter to another country",
    "which bank has the best savings account",
    "can you track my flight",
    "what size is a king size bed",
]

FRAMES = [
    "This article explains {a} and {b}.",
    "Read on to learn how {a} works with {b}.",
    "Customers often ask about {a} when {b} comes up.",
    "Our team answers questions on {a} within two days, including {b}.",
    "You can manage {a} from the page for {b}.",
    "The rules for {a} also apply to {b}.",
    "If you are unsure about {a}, check the section on {b}.",
    "A short guide to {a}, with notes on {b}.",
]
# Words that appear in articles of every topic: frequent, so TF-IDF should weigh them down.
SHARED = ["order", "account", "help", "customer", "shop", "item"]


def _rows_to_csv(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def faq_text() -> str:
    rows = [
        [i, question, topic[2]]
        for i, topic in enumerate(TOPICS)
        for question in [topic[1], *topic[6]]
    ]
    return _rows_to_csv(["faq_id", "question", "answer"], rows)


def faq_questions_text() -> str:
    rows: list[list[object]] = []
    for i, topic in enumerate(TOPICS):
        rows.extend([question, i] for question in topic[4])
    rows.extend([question, -1] for question in OUT_OF_SCOPE)
    random.Random(SEED).shuffle(rows)
    return _rows_to_csv(["question", "faq_id"], rows)


def _articles() -> list[tuple[int, str, str]]:
    rng = random.Random(SEED + 1)
    articles: list[tuple[str, str]] = []
    for topic, _, _, words, *_ in TOPICS:
        for _ in range(rng.randint(3, 6)):
            sentences = []
            for frame in rng.sample(FRAMES, 3):
                a, b = rng.sample(words, 2)
                if rng.random() < 0.5:
                    b = f"your {rng.choice(SHARED)} {b}"
                sentences.append(frame.format(a=a, b=b))
            if rng.random() < 0.4:  # a passing mention of another topic's word
                other = rng.choice([t for t in TOPICS if t[0] != topic])
                sentences.append(f"See also {rng.choice(other[3])}.")
            text = " ".join(sentences)
            articles.append((topic, text[0].upper() + text[1:]))
    order = list(range(len(articles)))
    rng.shuffle(order)
    return [(doc_id, *articles[i]) for doc_id, i in enumerate(order)]


def help_articles_text() -> str:
    return _rows_to_csv(["doc_id", "topic", "text"], [list(a) for a in _articles()])


def help_queries_text() -> str:
    by_topic: dict[str, list[int]] = {}
    for doc_id, topic, _ in _articles():
        by_topic.setdefault(topic, []).append(doc_id)
    rows = [
        [query, " ".join(str(d) for d in by_topic[topic[0]])]
        for topic in TOPICS
        for query in topic[5]
    ]
    return _rows_to_csv(["query", "relevant"], rows)


FILES = {
    "faq.csv": faq_text,
    "faq_questions.csv": faq_questions_text,
    "help_articles.csv": help_articles_text,
    "help_queries.csv": help_queries_text,
}


def main() -> None:
    for name, make in FILES.items():
        (OUT / name).write_bytes(make().encode("utf-8"))
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
