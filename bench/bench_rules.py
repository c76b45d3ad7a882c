"""Speed of the house-rules engine on ordinary mixed Russian/English chat.

Prints one JSON object: messages per second for ``RuleSet.check`` over the
default rules (first pass with cold caches, then warm), the median and p99
time of one ``check`` call in microseconds, the load time of the rules, and the
rate on the labelled eval set (mostly messages that contain rule phrases, so
each one goes through the slower mention guard).

    python bench/bench_rules.py [--messages 20000] [--seed 7]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

from samovar.plugins.moderation.engine import RuleSet

ORDINARY_EN = [
    "Good morning everyone!", "How was your weekend?", "I finally slept eight hours last night.",
    "Who's joining the call on Thursday?", "The link is in the pinned message.", "Thanks for sharing this.",
    "That sounds really hard, I'm here if you want to talk.", "My cat knocked my tea over again lol",
    "Anyone tried journaling before bed? It helps me a bit.", "Work was a lot today, going to rest now.",
    "I went for a short walk and it helped more than I expected.", "What are you all reading these days?",
    "Congrats on the new job!!", "I relate to this so much.", "Sending you a hug.",
    "Can someone remind me when the next check-in is?", "I made pancakes for the first time in months.",
    "Honestly today was okay, which is a win.", "It took me years to learn to ask for help.",
    "Does anyone know a good podcast about burnout?", "I'm proud of you for telling us.",
    "The weather is awful here, rain all week.", "I missed the meetup, how did it go?",
    "My therapist suggested writing down small wins.", "I'm nervous about tomorrow's interview.",
    "Has anyone been to the new exhibition downtown?", "My sister is visiting next week, kind of excited.",
    "I cooked lentil soup and froze half of it for later.", "Reminder: the book club moved to Sunday evening.",
    "We adopted a puppy and nobody in this house is sleeping.", "Is the Discord voice channel working for you?",
    "I started learning guitar again after ten years.", "Rough night, the neighbours had a party until 3am.",
    "Drinking water and stretching, tiny self-care for today.", "Thank you all for the kind words yesterday.",
    "My manager finally approved my vacation days!", "Anyone else find Mondays extra heavy lately?",
    "I'm trying a new routine: phone off at ten.", "The bus was late again so I walked, it was nice actually.",
    "Finished the puzzle, 1000 pieces, took three weeks.", "Could we do the next call a bit later, say 8pm?",
    "I had a good talk with my dad, first in a while.", "Does anyone have tips for studying with ADHD?",
    "I watched a documentary about octopuses, they are wild.", "Feeling a bit lonely today, but reading here helps.",
]
ORDINARY_RU = [
    "Всем доброе утро!", "Как прошли выходные?", "Сегодня наконец выспалась.", "Кто будет на созвоне в четверг?",
    "Ссылка в закрепе.", "Спасибо, что поделился.", "Звучит очень тяжело, я рядом, если захочешь поговорить.",
    "Кот опять уронил чашку, ну что за зверь", "Кто-нибудь вёл дневник перед сном? Мне немного помогает.",
    "На работе сегодня завал, пойду отдыхать.", "Сходила на короткую прогулку, стало легче, чем думала.",
    "Что вы сейчас читаете?", "Поздравляю с новой работой!!", "Так откликается, прям про меня.", "Обнимаю тебя.",
    "Напомните, когда следующий чек-ин?", "Испекла блины впервые за несколько месяцев.",
    "Честно, сегодня был нормальный день, и это уже победа.", "Мне понадобились годы, чтобы научиться просить о помощи.",
    "Посоветуйте подкаст про выгорание?", "Горжусь тобой, что ты рассказал.", "У нас весь день дождь.",
    "Пропустила встречу, как всё прошло?", "Психолог посоветовал записывать маленькие победы.",
    "Волнуюсь перед завтрашним собеседованием.", "Кто-нибудь был на новой выставке в центре?",
    "На следующей неделе приезжает сестра, немного волнуюсь.", "Сварила чечевичный суп и половину заморозила.",
    "Напоминаю: книжный клуб переносится на воскресенье.", "Мы взяли щенка, теперь в доме никто не спит.",
    "У вас работает голосовой канал?", "Снова начала учиться играть на гитаре спустя десять лет.",
    "Тяжёлая ночь, соседи шумели до трёх.", "Пью воду и делаю растяжку, маленькая забота о себе.",
    "Спасибо всем за тёплые слова вчера.", "Начальник наконец одобрил отпуск!", "У кого-то ещё понедельники такие тяжёлые?",
    "Пробую новый режим: телефон выключаю в десять.", "Автобус опять опоздал, пошла пешком, даже понравилось.",
    "Собрала пазл на тысячу деталей, ушло три недели.", "Можно следующий созвон чуть позже, часов в восемь?",
    "Хорошо поговорила с папой, впервые за долгое время.", "Есть советы, как учиться с СДВГ?",
    "Посмотрела документалку про осьминогов, они невероятные.", "Сегодня немного одиноко, но читать вас помогает.",
    "Завтра иду к стоматологу, держите за меня кулачки.", "Кто знает хорошие курсы английского онлайн?",
]
RULE_BREAKING = [
    "Just think positive!", "Просто возьми и сделай.", "You're overreacting.", "Как говорил Ницше, что нас не убивает...",
    "Не грусти, улыбнись!", "they told me to just do it and it made it worse", "I don't want to live anymore",
]


EVAL_SET = Path(__file__).resolve().parent.parent / "tests" / "plugins" / "moderation" / "eval_set.jsonl"


def make_messages(count: int, seed: int) -> list[tuple[str, str]]:
    """``count`` chat messages: 1-3 ordinary sentences each, about 3% breaking a rule."""
    rng = random.Random(seed)
    pools = {"ru": ORDINARY_RU, "en": ORDINARY_EN}
    messages = []
    for _ in range(count):
        lang = rng.choice(("ru", "en"))
        pool = pools[lang]
        text = " ".join(rng.sample(pool, rng.randint(1, 3)))
        if rng.random() < 0.03:
            text = rng.choice(RULE_BREAKING)
            lang = "ru" if any("а" <= ch <= "я" for ch in text.lower()) else "en"
        messages.append((text, lang))
    return messages


def run(count: int = 20_000, seed: int = 7) -> dict[str, Any]:
    """Rules-engine throughput and latency on ``count`` generated messages (see the module docstring)."""
    messages = make_messages(count, seed)

    started = time.perf_counter()
    rules = RuleSet.from_default()
    load_seconds = time.perf_counter() - started

    check = rules.check
    started = time.perf_counter()
    for text, lang in messages:
        check(text, lang)
    cold = len(messages) / (time.perf_counter() - started)

    warm_runs = []
    for _ in range(3):
        started = time.perf_counter()
        for text, lang in messages:
            check(text, lang)
        warm_runs.append(len(messages) / (time.perf_counter() - started))

    ordinary = [m for m in messages if m[0] not in RULE_BREAKING][:5_000]
    timings = []
    clock = time.perf_counter_ns
    for text, lang in ordinary:
        began = clock()
        check(text, lang)
        timings.append((clock() - began) / 1000)
    timings.sort()

    hard = [json.loads(line) for line in EVAL_SET.read_text(encoding="utf-8").splitlines()] if EVAL_SET.exists() else []
    hard_rate = None
    if hard:
        started = time.perf_counter()
        for _ in range(5):
            for example in hard:
                check(example["text"], example["lang"])
        hard_rate = round(5 * len(hard) / (time.perf_counter() - started))

    matched = sum(1 for text, lang in messages if check(text, lang))
    matched_guessing = sum(1 for text, _ in messages if check(text))  # language guessed
    return {
        "messages": len(messages),
        "rules": len(rules.rules),
        "load_seconds": round(load_seconds, 3),
        "msgs_per_s_cold_first_pass": round(cold),
        "msgs_per_s": round(statistics.median(warm_runs)),
        "median_check_us_ordinary": round(statistics.median(timings), 2),
        "p99_check_us_ordinary": round(timings[int(len(timings) * 0.99)], 2),
        "eval_set_msgs_per_s": hard_rate,
        "matched_messages": matched,
        "matched_messages_language_guessed": matched_guessing,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(json.dumps(run(args.messages, args.seed)))


if __name__ == "__main__":
    main()
