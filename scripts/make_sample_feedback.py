"""Write the bundled sample feedback for the children's shop example map.

    python scripts/make_sample_feedback.py

Every text below was written by the journeymap developers for this sample
(no third-party data). Dates, channels, ratings and replies are drawn with a
fixed seed, so the file is the same on every run. About two thirds of the
complaints posted on social networks get no reply, as in the seeds' figure.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/journeymap/voice/data/sample/childrens-shop-feedback.csv"
LABELLED = ROOT / "tests/voice/data/shop_labelled.csv"
"""The same texts with the sentiment their author meant: a small shop-domain evaluation set."""

S = {
    "sees": "sees-the-product-on-another-child", "asks": "asks-friends-or-searches-online", "forgets": "forgets-about-the-product",
    "again": "sees-the-product-again", "where": "looks-for-where-to-buy", "lands": "lands-on-the-site", "card": "finds-the-product-card",
    "specs": "reads-the-characteristics", "compare": "compares-with-competitors", "back": "comes-back-to-the-site", "request": "leaves-a-request",
    "call": "managers-call", "pays": "pays-for-the-order", "waits": "waits-for-delivery", "uses": "uses-the-product", "tells": "tells-friends",
    "again_buy": "buys-again",
}

# (step key, language, sentiment, text)
TEXTS = [
    ("sees", "en", "+", "Saw these shoes on another child at the playground and wanted the same for my son"),
    ("sees", "en", "+", "A girl in my daughter's group wore this jacket, it looked lovely on her"),
    ("sees", "ru", "+", "Увидела такие кроссовки на ребёнке на площадке, очень понравились"),
    ("sees", "kk", "+", "Ойын алаңында басқа баланың аяқ киімін көрдім, өте әдемі екен"),
    ("sees", "uz", "+", "Bolalar maydonchasida boshqa bolada shu kurtkani ko'rdim, juda chiroyli"),
    ("sees", "lt", "+", "Mačiau šiuos batus ant kito vaiko aikštelėje, labai patiko"),
    ("asks", "en", "-", "Asked friends where they bought it, nobody remembered the brand and search online gave nothing"),
    ("asks", "en", "0", "I searched online for similar kids shoes and found many offers"),
    ("asks", "ru", "-", "Спрашивала подруг, никто не помнит бренд, в поиске ничего не нашла"),
    ("asks", "uk", "-", "Питала друзів, де купили, ніхто не пам'ятає, пошук нічого не дав"),
    ("asks", "kk", "0", "Достарымнан қайдан сатып алғанын сұрадым"),
    ("asks", "uz", "-", "Do'stlarimdan so'radim, hech kim bilmaydi, internetda ham topolmadim"),
    ("forgets", "en", "0", "Got busy with work and simply forgot about the shoes for a couple of weeks"),
    ("forgets", "ru", "0", "Закрутилась и забыла про куртку, вспомнила только через месяц"),
    ("forgets", "lt", "0", "Užsimiršau apie prekę, buvo daug kitų reikalų"),
    ("again", "en", "+", "Saw the product again in a reminder e-mail and remembered I wanted it"),
    ("again", "en", "+", "The reminder e-mail with the jacket was helpful, good timing"),
    ("again", "ru", "+", "Снова увидела товар в письме-напоминании, спасибо, вовремя"),
    ("again", "uk", "+", "Знову побачила цей товар у листі, дуже вчасно, дякую"),
    ("again", "kk", "+", "Хатта тауарды қайта көрдім, рахмет, жақсы еске салдыңыздар"),
    ("where", "en", "-", "Looked for where to buy it, competitors' sites came first in search"),
    ("where", "en", "-", "Hard to find where to buy this brand, the search engine showed only marketplaces"),
    ("where", "ru", "-", "Долго искала, где купить, в поиске одни конкуренты и маркетплейсы"),
    ("where", "uz", "-", "Qayerdan sotib olishni uzoq qidirdim, faqat raqobatchilar chiqadi"),
    ("where", "lt", "-", "Ilgai ieškojau, kur nupirkti, paieškoje tik konkurentai"),
    ("lands", "en", "+", "Landed on the site from search, the home page is clean and nice"),
    ("lands", "en", "-", "The site loaded very slowly on my phone"),
    ("lands", "ru", "-", "Сайт очень медленно грузится с телефона, ужасно"),
    ("lands", "ru", "+", "Зашла на сайт, всё красиво и понятно, удобно"),
    ("lands", "kk", "-", "Сайт өте баяу ашылады, ыңғайсыз"),
    ("lands", "uz", "+", "Sayt juda qulay va chiroyli ekan"),
    ("lands", "lt", "-", "Svetainė labai lėtai kraunasi telefone"),
    ("card", "en", "-", "Could not find the product card, the catalogue filters are confusing"),
    ("card", "en", "-", "Finding the product card took ages, the catalogue search does not understand sizes"),
    ("card", "en", "-", "The catalogue has no filter by age, I gave up looking for the product"),
    ("card", "ru", "-", "Не могла найти карточку товара, фильтры в каталоге непонятные"),
    ("card", "ru", "-", "В каталоге нет фильтра по возрасту, карточку товара искала полчаса"),
    ("card", "uk", "-", "Не знайшла картку товару, каталог дуже незручний"),
    ("card", "kk", "-", "Каталогтан тауар карточкасын таба алмадым, сүзгілер түсініксіз"),
    ("card", "uz", "-", "Katalogda mahsulot kartasini topa olmadim, filtrlar tushunarsiz"),
    ("card", "lt", "-", "Neradau prekės kortelės, katalogo filtrai nepatogūs"),
    ("card", "en", "+", "Found the product card quickly through the catalogue, nice photos"),
    ("specs", "en", "-", "The characteristics do not say what the shoes are made of"),
    ("specs", "en", "-", "No size chart in the characteristics, I had to guess the size"),
    ("specs", "en", "+", "Detailed characteristics and real reviews, very helpful"),
    ("specs", "ru", "-", "В характеристиках нет размерной сетки и состава, плохо"),
    ("specs", "ru", "+", "Подробные характеристики и отзывы, всё понятно, спасибо"),
    ("specs", "uk", "-", "У характеристиках немає розмірної сітки, погано"),
    ("specs", "kk", "-", "Сипаттамаларда өлшем кестесі жоқ, нашар"),
    ("specs", "uz", "-", "Xususiyatlarda o'lcham jadvali yo'q, yomon"),
    ("specs", "lt", "+", "Puikūs aprašymai ir atsiliepimai, ačiū"),
    ("compare", "en", "0", "Compared prices with competitors before deciding"),
    ("compare", "en", "-", "Competitors sell the same jacket cheaper with free delivery"),
    ("compare", "ru", "-", "У конкурентов та же куртка дешевле, и доставка бесплатная"),
    ("compare", "ru", "0", "Сравнивала цены с другими магазинами"),
    ("compare", "kk", "0", "Бағаларды басқа дүкендермен салыстырдым"),
    ("compare", "uz", "-", "Raqobatchilarda xuddi shu narsa arzonroq"),
    ("back", "en", "+", "Came back to the site after the retargeting ad, and the cart was still there, great"),
    ("back", "ru", "+", "Вернулась на сайт, корзина сохранилась, отлично"),
    ("back", "lt", "+", "Grįžau į svetainę, krepšelis išliko, puiku"),
    ("back", "uz", "0", "Saytga yana qaytdim"),
    ("request", "en", "-", "The request form asks for too much, I almost gave up"),
    ("request", "en", "-", "Left a request and nobody confirmed it, the form just reloaded"),
    ("request", "ru", "-", "Оставила заявку, форма слишком длинная и неудобная"),
    ("request", "ru", "-", "Заявку оставила, а подтверждения так и не пришло"),
    ("request", "uk", "-", "Залишила заявку, форма незручна, жодного підтвердження"),
    ("request", "kk", "-", "Өтінім қалдырдым, бірақ жауап жоқ"),
    ("request", "uz", "-", "Ariza qoldirdim, lekin hech kim javob bermadi"),
    ("request", "lt", "-", "Palikau užklausą, forma per ilga ir nepatogi"),
    ("call", "en", "-", "The manager called two days later, by then I had bought elsewhere"),
    ("call", "en", "-", "Manager's call was rude and rushed"),
    ("call", "en", "+", "The manager called within ten minutes and helped with the size, very polite"),
    ("call", "ru", "-", "Менеджер перезвонил только через два дня, ужасно долго"),
    ("call", "ru", "+", "Менеджер позвонил быстро, вежливо помог с размером"),
    ("call", "ru", "-", "Менеджер грубил и не знал ассортимент"),
    ("call", "uk", "+", "Менеджер швидко зателефонував і допоміг, дуже ввічливий"),
    ("call", "kk", "-", "Менеджер екі күннен кейін ғана хабарласты, өте баяу"),
    ("call", "kk", "+", "Менеджер тез хабарласып, көмектесті, рахмет"),
    ("call", "uz", "-", "Menejer ikki kundan keyin qo'ng'iroq qildi, juda sekin"),
    ("call", "uz", "+", "Menejer tez qo'ng'iroq qildi va yordam berdi, rahmat"),
    ("call", "lt", "-", "Vadybininkas paskambino tik po dviejų dienų, labai blogai"),
    ("pays", "en", "-", "Payment by card failed twice, had to pay on delivery"),
    ("pays", "en", "+", "Paying for the order was quick and easy"),
    ("pays", "ru", "-", "Оплата картой не прошла, деньги списали дважды"),
    ("pays", "ru", "+", "Оплатила заказ быстро, всё удобно"),
    ("pays", "kk", "-", "Картамен төлеу жұмыс істемейді"),
    ("pays", "uz", "-", "Karta orqali to'lov ishlamayapti"),
    ("pays", "lt", "+", "Apmokėjimas greitas ir patogus"),
    ("waits", "en", "-", "Delivery was late by a week and the courier did not answer"),
    ("waits", "en", "-", "Waited for delivery for ten days, no status e-mail at all"),
    ("waits", "en", "-", "The courier came late and the box was damaged"),
    ("waits", "en", "+", "Fast delivery, the courier was friendly"),
    ("waits", "ru", "-", "Доставка опоздала на неделю, курьер не отвечал"),
    ("waits", "ru", "-", "Ждала доставку десять дней, никаких писем о статусе"),
    ("waits", "ru", "+", "Доставили быстро, курьер вежливый"),
    ("waits", "uk", "-", "Доставка запізнилася на тиждень, дуже погано"),
    ("waits", "kk", "-", "Жеткізу бір аптаға кешікті, курьер жауап бермейді"),
    ("waits", "kk", "+", "Тез жеткізді, рахмет"),
    ("waits", "uz", "-", "Yetkazib berish bir haftaga kechikdi, kuryer javob bermadi"),
    ("waits", "uz", "+", "Tez yetkazib berishdi, rahmat"),
    ("waits", "lt", "-", "Pristatymas vėlavo savaitę, kurjeris neatsakė"),
    ("waits", "lt", "+", "Greitas pristatymas, ačiū"),
    ("uses", "en", "+", "My son wears the shoes every day, great quality"),
    ("uses", "en", "-", "The sole came off after two weeks of use"),
    ("uses", "en", "+", "The jacket is warm and the zip is sturdy, my daughter loves it"),
    ("uses", "ru", "+", "Ребёнок носит кроссовки каждый день, качество отличное"),
    ("uses", "ru", "-", "Подошва отклеилась через две недели, брак"),
    ("uses", "uk", "+", "Дитина носить щодня, якість чудова"),
    ("uses", "kk", "+", "Балам күнде киеді, сапасы керемет"),
    ("uses", "uz", "+", "O'g'lim har kuni kiyadi, sifati zo'r"),
    ("uses", "uz", "-", "Ikki haftadan keyin buzildi, sifatsiz"),
    ("uses", "lt", "+", "Vaikas nešioja kasdien, kokybė puiki"),
    ("tells", "en", "+", "Told the other mums in our chat, two of them ordered too"),
    ("tells", "ru", "+", "Рассказала подругам в мамском чате, всем советую"),
    ("tells", "kk", "+", "Достарыма айттым, бәріне ұсынамын"),
    ("tells", "uz", "+", "Do'stlarimga aytdim, hammaga tavsiya qilaman"),
    ("tells", "lt", "+", "Papasakojau draugėms, visoms rekomenduoju"),
    ("again_buy", "en", "+", "Bought again for my younger child, the bonus points helped"),
    ("again_buy", "en", "-", "Wanted to buy again but the size I need is always out of stock"),
    ("again_buy", "ru", "+", "Купила снова, уже третий заказ, всё отлично"),
    ("again_buy", "ru", "-", "Хотела купить снова, но нужного размера нет уже месяц"),
    ("again_buy", "uk", "+", "Купила знову, дуже задоволена"),
    ("again_buy", "kk", "+", "Қайта сатып алдым, өте ризамын"),
    ("again_buy", "uz", "+", "Yana sotib oldim, juda mamnunman"),
    (None, "en", "0", "Ordered on Tuesday"),
    (None, "en", "-", "Terrible!!!"),
    (None, "ru", "0", "Добрый день"),
    (None, "kk", "-", "Маған ұнамады, бірақ бағасы жақсы емес"),
    (None, "ru", "-", "Мне не понравилось, ужасный сервис, хотя бренд известный. Менің балам ренжіді"),
    (None, "uz", "-", "Очень плохо, juda yomon xizmat"),
    (None, "en", "0", "👍👍"),
    (None, "en", "0", "..."),
]

CHANNELS = ["app review", "survey", "ticket", "social post", "interview"]
REPLIES = {"en": "Thank you, we are sorry and will fix it.", "ru": "Спасибо, мы разберёмся.", "uk": "Дякуємо, ми розберемося.",
           "kk": "Рахмет, біз тексереміз.", "uz": "Rahmat, tekshiramiz.", "lt": "Ačiū, išsiaiškinsime."}


def rows(rng: random.Random) -> list[dict[str, str]]:
    """Return the sample rows: each text two or three times with its own date, channel and rating."""
    result = []
    start = datetime(2025, 1, 6, 9, 0)
    for number, (step, language, sentiment, text) in enumerate(TEXTS * 2 + TEXTS[::3]):
        channel = rng.choice(CHANNELS)
        date = start + timedelta(days=rng.randrange(0, 175), minutes=rng.randrange(0, 600))
        rating = {"+": rng.choice([4, 5, 5]), "-": rng.choice([1, 1, 2, 3]), "0": rng.choice([3, 4])}[sentiment]
        answered = sentiment == "-" and rng.random() < (0.3 if channel == "social post" else 0.7)
        tagged = step is not None and (language != "en" or rng.random() < 0.3) and rng.random() < 0.8
        result.append({
            "id": f"fb-{number + 1:04d}",
            "date": date.isoformat(timespec="minutes"),
            "author": f"customer-{rng.randrange(1, 400):03d}",
            "channel": channel,
            "rating": str(rating) if channel in ("app review", "survey") else "",
            "step": S[step] if tagged else "",
            "text": text,
            "reply_text": REPLIES[language] if answered else "",
            "replied_at": (date + timedelta(hours=rng.choice([1, 2, 4, 8, 20, 30, 50, 72]))).isoformat(timespec="minutes") if answered else "",
        })
    result.sort(key=lambda row: row["date"])
    return result


def main() -> None:
    """Write the sample CSV."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["id", "date", "author", "channel", "rating", "step", "text", "reply_text", "replied_at"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(random.Random(2025)))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(buffer.getvalue(), encoding="utf-8")
    print(f"{OUT}: {buffer.getvalue().count(chr(10)) - 1} rows")
    labels = {"+": "positive", "-": "negative", "0": "neutral"}
    labelled = io.StringIO()
    writer = csv.writer(labelled, lineterminator="\n")
    writer.writerow(["text", "label", "language"])
    writer.writerows((text, labels[sentiment], language) for _step, language, sentiment, text in TEXTS)
    LABELLED.write_text(labelled.getvalue(), encoding="utf-8")
    print(f"{LABELLED}: {len(TEXTS)} rows")


if __name__ == "__main__":
    main()
