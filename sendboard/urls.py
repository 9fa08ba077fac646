from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path

from sendboard.governance import oidc
from sendboard.governance.views import invitation_accept
from sendboard.home import urls as home_urls

admin.site.site_header = "sendboard back office"
admin.site.site_title = "sendboard"

partnership_urls = [
    *home_urls.partnership_urlpatterns,
    path("", include("sendboard.governance.urls")),
    path("", include("sendboard.meetings.urls")),
    path("", include("sendboard.actions.urls")),
    path("", include("sendboard.forwardplan.urls")),
    path("", include("sendboard.plans.urls")),
    path("", include("sendboard.risks.urls")),
    path("", include("sendboard.workbooks.urls")),
    path("", include("sendboard.boardpack.urls")),
    path("", include("sendboard.publishing.urls")),
    path("", include("sendboard.performance.urls")),
    path("", include("sendboard.casework.urls")),
    path("", include("sendboard.quality.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sign-in/", oidc.SignInView.as_view(), name="login"),
    path("sign-in/not-recognised/", oidc.not_recognised, name="oidc_not_recognised"),
    path("oidc/", include(oidc.urlpatterns)),
    path("sign-out/", LogoutView.as_view(), name="logout"),
    path("invitations/<str:secret>/", invitation_accept, name="invitation_accept"),
    *home_urls.site_urlpatterns,
    path("", include("sendboard.core.urls")),
    path("<slug:partnership>/", include(partnership_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
