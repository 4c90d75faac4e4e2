"""A local Telegram Bot API double for end-to-end tests of the bot with python-telegram-bot.

async with BotApiDouble() as api:
    app = (
        ApplicationBuilder().token(api.token).base_url(api.base_url)
        .base_file_url(api.base_file_url).build()
    )
    ...  # start the app and its polling
    api.send_command(1001, "start")
    welcome = await api.wait_for(1001, "welcome")
    api.press_button(1001, welcome, "yes")
"""

from .server import BotApiDouble
from .shapes import Call, UploadedFile

__all__ = ["BotApiDouble", "Call", "UploadedFile"]
