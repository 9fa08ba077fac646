from django.urls import path

from sendboard.boardpack import views

urlpatterns = [
    path("meetings/<uuid:code>/pack/", views.board_pack, name="board_pack"),
    path("meetings/<uuid:code>/pack/build/", views.board_pack_build, name="board_pack_build"),
    path("packs/<uuid:code>/board-pack.docx", views.board_pack_word, name="board_pack_word"),
    path("packs/<uuid:code>/board-pack.pdf", views.board_pack_pdf, name="board_pack_pdf"),
]
